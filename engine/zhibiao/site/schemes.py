"""Deduction scheme pages: the scheme table as the seed prints it (考核类别 / 量化分值 / 考核项目 / 量化标准 / 备注),
each rule on its own row with the rule id as a stable anchor, and the original wording beside its machine form."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from ..conditions import describe
from ..model.common import Dated
from ..model.scheme import Category, Note, Rule, Scheme
from ..render import checkup as checkup_text
from ..validate.checkup import SchemeBounds, scheme_bounds
from .documents import DocumentInfo, document_info, page
from .markup import attr, h, md, md_inline, number, table
from .pages import Context, Page, Source
from .scheme_sections import (amount_label, awards_section, block_lines, category_method, is_plain, new_machine_form,
                              scoring_lines, sections)

SECTION = "考核方案"


def scheme_url(scheme_id: str) -> str:
    return f"schemes/{scheme_id}.md"


def now(value: Dated, today: dt.date | None = None) -> Decimal | None:
    """The value in force today (or the first one, for a document not yet in force)."""
    try:
        return value.at(today or dt.date.today())
    except LookupError:
        return value.values[0].value if value.values else None


def dated_text(value: Dated | None, unit: str = "") -> str:
    """“60分”, or “2009-10-26 起 60分；2027-09-01 起 55分” when the value changes over time."""
    if value is None:  # a rule whose amounts are in its bands, levels or rank bands
        return "—"

    def one(v: Decimal | None) -> str:
        return "未设定" if v is None else f"{number(v)}{'' if unit == '比例' else unit}"

    if value.constant:
        return one(value.values[0].value)
    return "；".join(f"{v.start.isoformat()} 起 {one(v.value)}" for v in value.values)


def names_of(scheme: Scheme) -> dict[str, str]:
    """id → Chinese name for facts, record fields and derived values (for the machine form)."""
    names = {f.id: f.name for f in scheme.facts}
    for record in scheme.records:
        names[record.id] = record.name
        names.update({f.id: f.name for f in record.fields})
        names.update({d.id: d.name for d in record.derived})
    return names


_ORDINALS = "一二三四五六七八九十"


def rule_labels(scheme: Scheme) -> dict[str, str]:
    """rule id → how a reader names the clause: “学习讨论第2条”, “执行效果（A板块）第11条（二）”."""
    blocks = {b.id: b.name for b in scheme.blocks}
    names = [c.name for c in scheme.categories]
    out: dict[str, str] = {}
    for cat in scheme.all_categories:
        where = "、".join(blocks.get(b, b) for b in cat.blocks)
        qualified = cat.name if names.count(cat.name) <= 1 or not where else f"{cat.name}（{where}）"
        for clause in cat.clauses:
            for i, rule in enumerate(clause.rules):
                part = f"（{_ORDINALS[i]}）" if len(clause.rules) > 1 and i < len(_ORDINALS) else ""
                out[rule.id] = f"{qualified}第{clause.no}条{part}"
    return out


def machine_form(rule: Rule, scheme: Scheme) -> str:
    """The rule as the engine reads it, in Chinese: condition, counted fact or record filter, and amount."""
    if rule.mode in ("bands", "grade", "rank", "change") or rule.by:
        return new_machine_form(rule, scheme)
    names = names_of(scheme)
    verb = "加" if rule.effect > 0 else "扣"

    def resolve(pid: str) -> str:
        p = scheme.parameter(pid)
        return pid if p is None else f"{p.name}（现行 {dated_text(p.values, p.unit)}）"

    amount = dated_text(rule.amount)
    per = f"{amount} 分/{rule.unit}" if rule.mode != "when" else f"{amount} 分"
    cond = describe(rule.condition, names, resolve) if rule.condition else ""
    if rule.mode == "each":
        where = f"中满足“{cond}”的" if cond else "中的"
        text = f"“{names.get(rule.record, rule.record)}”{where}每条记录{verb} {per}"
    elif rule.mode == "count":
        head = f"若 {cond}：" if cond else ""
        counted = names.get(rule.count_fact) or (m.name if (m := scheme.measure(rule.count_fact)) else rule.count_fact)
        text = f"{head}{verb}分 = {counted}（{rule.count_fact}）× {per}"
    else:
        text = f"若 {cond}，{verb} {per}"
    if rule.cap is not None:
        text += f"，最多{verb} {number(rule.cap)} 分"
    return text


COLUMNS = ("考核类别", "量化分值", "考核项目", "量化标准", "机读形式（扣分额与条件）", "备注")


def _td(column: int, css: str, content: str, extra: str = "") -> str:
    """A cell of the scheme table, labelled with its column for the phone (card) layout."""
    cls = f' class="{css}"' if css else ""
    return f'<td{cls} data-label="{COLUMNS[column]}"{extra}>{content}</td>'


def _note_cell(notes: tuple[Note, ...], labels: dict[str, str]) -> str:
    parts = []
    for note in notes:
        links = "、".join(f'<a href="#{attr(r)}">{h(labels.get(r, r))}</a>' for r in note.applies_to)
        extra = f'<span class="zb-machine">适用：{links}</span>' if links else ""
        if note.unmatched:
            extra += f'<span class="zb-machine">不参与计分：{h(note.unmatched)}</span>'
        parts.append(f"<p>{h(note.no)}、{h(note.text)}{extra}</p>")
    return "".join(parts)


def _rule_cell(rule: Rule, scheme: Scheme, several: bool) -> str:
    rid = attr(rule.id)
    wording = f'<span class="zb-machine">条款原文：{h(rule.text)}</span>' if several else ""
    decision = f'<span class="zb-machine">编码说明：{h(rule.decision)}</span>' if rule.decision else ""
    return _td(4, "zb-rule", f'<span class="zb-amount">{h(amount_label(rule, dated_text(rule.amount)))}</span> '
                             f'<a class="zb-rule-id" href="#{rid}" title="条款标识（评分结果用它指向本行）">{h(rule.id)}</a>'
                             f'<span class="zb-machine">{h(machine_form(rule, scheme))}</span>{wording}{decision}')


def _leaves(cat: Category, trail: str = "") -> list[tuple[Category, str]]:
    """The categories that hold clauses, each with the path of its parents (“教学质量（45分）›”)."""
    if not cat.children:
        return [(cat, trail)]
    here = f"{trail}{cat.name}（{number(cat.points)}分，{category_method(cat)}）› "
    return [x for c in cat.children for x in _leaves(c, here)]


def _category_rows(top: Category, scheme: Scheme, group_cell: str, labels: dict[str, str]) -> list[str]:
    rows: list[str] = []
    plain = is_plain(scheme)
    for cat, trail in _leaves(top):
        span = max(1, len(cat.rules))
        how = "" if plain else f'<span class="zb-machine">{h(category_method(cat))}</span>'
        head = (_td(1, "zb-span zb-points", f"{number(cat.points)}分{how}{_most_deducted(scheme, cat.id)}", f' rowspan="{span}"')
                + _td(2, "zb-span zb-category", h(trail) + h(cat.name), f' rowspan="{span}" id="{attr(cat.id)}"'))
        notes = _td(5, "zb-notes", _note_cell(cat.notes, labels), f' rowspan="{span}"') if cat.notes else ""
        first = True
        for clause in cat.clauses:
            for i, rule in enumerate(clause.rules):
                cells = group_cell + head if first else ""
                if i == 0:
                    cells += _td(3, "zb-clause", f"{h(clause.no)}、{h(clause.text)}", f' rowspan="{len(clause.rules)}"')
                cells += _rule_cell(rule, scheme, len(clause.rules) > 1)
                if first:
                    cells += notes or _td(5, "zb-notes zb-empty", "", f' rowspan="{span}"')
                rows.append(f'<tr id="{attr(rule.id)}">{cells}</tr>')
                first, group_cell = False, ""
    return rows


def scheme_table(scheme: Scheme) -> str:
    """One HTML table for the whole scheme, grouped as the seed groups it (共同标准 / 个性标准)."""
    groups: dict[str, list[Category]] = {}
    for cat in scheme.categories:
        groups.setdefault(cat.group, []).append(cat)
    rows: list[str] = []
    labels = rule_labels(scheme)
    for group, cats in groups.items():
        span = sum(max(1, len(leaf.rules)) for c in cats for leaf, _ in _leaves(c))
        group_cell = _td(0, "zb-span zb-group", h(group) or "—", f' rowspan="{span}"')
        for cat in cats:
            rows += _category_rows(cat, scheme, group_cell, labels)
            group_cell = ""
    head = "<tr>" + "".join(f"<th>{c}</th>" for c in COLUMNS) + "</tr>"
    # A plain <table> inside a classed <div>: Material styles tables without a class; on a phone (zb-cards)
    # each row becomes a card, the category cells its heading.
    return (f'<div class="zb-scheme zb-cards zb-wide">\n<table>\n<thead>{head}</thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n")


def _blocks_section(scheme: Scheme) -> str:
    out = ["## 考核对象", ""]
    for block in scheme.blocks:
        cats = scheme.categories_for(block.id)
        total = sum((c.points * (c.weight or 1) for c in cats), Decimal(0))
        listing = "、".join(f"{md_inline(c.name)} {number(c.points)} 分"
                            + (f" × {number(c.weight * 100)}%" if c.weight is not None else "") for c in cats)
        listed = ([f"- 考核对象（{len(block.subjects)} 个）：{'、'.join(md_inline(s) for s in block.subjects) or '—'}"]
                  if not block.open else block_lines(scheme, block.id))
        out += [f"### {md_inline(block.name)} {{#block-{attr(block.id)}}}", "", md(block.text), "", *listed,
                f"- 适用考核类别：{listing or '—'}，合计 **{number(total)} 分**", ""]
        if block.decision:
            out += ['!!! note "编码说明"', "", "    " + md_inline(block.decision), ""]
    return "\n".join(out)


def _parameters_section(scheme: Scheme) -> str:
    if not scheme.parameters:
        return ""
    rows = [[p.name, dated_text(p.values, p.unit), p.unit or "—", p.text or "—", p.decision or "—"]
            for p in scheme.parameters]
    return "## 参数\n\n" + table(["名称", "取值", "单位", "原文", "编码说明"], rows)


def _decisions(scheme: Scheme) -> str:
    found = [("考核办法", scheme.scoring_decision)] if scheme.scoring_decision else []
    found += [(c.name, c.decision) for c in scheme.all_categories if c.decision]
    found += [(a.name, a.decision) for a in scheme.award_list if a.decision]
    found += [(x.name, x.decision) for x in (*scheme.vetoes, *scheme.eligibility) if x.decision]
    found += [(m.name, m.decision) for m in scheme.measures if getattr(m, "decision", "")]
    if scheme.ranking_decision:
        found.append(("排名", scheme.ranking_decision))
    if not found:
        return ""
    lines = ["## 编码说明", "", "原文含糊或不一致之处，编码时作了如下选择：", ""]
    return "\n".join(lines + [f"- **{md_inline(k)}**：{md_inline(v)}" for k, v in found]) + "\n"


def _scoring_section(scheme: Scheme) -> str:
    lines = ([f"- 满分 **{number(scheme.full_marks)} 分**，按条款倒扣；每个考核类别最低扣至 {number(scheme.category_floor)} 分。"]
             if is_plain(scheme) else scoring_lines(scheme))
    return "\n".join(["## 考核办法", "", md(scheme.scoring_text), "", *lines,
                      f"- 排名范围：{md_inline(scheme.ranking_scope)}。",
                      *[f"- 体检：{md_inline(line)}。" for line in checkup_text.block_summary(checkup(scheme))], ""])



@functools.lru_cache(maxsize=64)
def checkup(scheme: Scheme) -> SchemeBounds:
    """The scheme's bounds over all possible submissions (体检), shown beside its points."""
    return scheme_bounds(scheme.raw)


def _most_deducted(scheme: Scheme, category: str) -> str:
    """“最多扣 10 分” under a category's points: what a subject can actually lose there (after the floor)."""
    found = next((c for b in checkup(scheme).blocks for top in b.categories for c in top.walk() if c.id == category),
                 None)
    if found is None:
        return ""
    note = checkup_text.category_note(found)
    title = f' title="{attr(note)}"' if note else ""
    return f'<span class="zb-machine"{title}>{h(checkup_text.most_deducted(found))}</span>'


def _awards_section(scheme: Scheme) -> str:
    return awards_section(scheme)


def render_scheme(src: Source, ctx: Context) -> tuple[Page, DocumentInfo]:
    """The scheme page (its 填报口径 page is `facts.render_facts_page`)."""
    scheme: Scheme = src.obj
    info = document_info(scheme, path=src.path, kind="scheme")
    sid = info.id
    intro = (f"本方案需要填报的事实见 [填报口径]({sid}-facts.md)。表中每条量化标准旁的灰色小字是它的条款标识"
             f"（如 {md_inline(scheme.rules[0].id if scheme.rules else sid)}），评分结果中的扣分明细用它链接到本页对应的行。")
    body = "\n".join([intro, "", _scoring_section(scheme), _blocks_section(scheme), "## 考核标准", "",
                      scheme_table(scheme), _parameters_section(scheme), sections(scheme), _awards_section(scheme),
                      _decisions(scheme)])
    title = info.title
    main = Page(scheme_url(sid), title, page(info, title, body, ctx.repo_url, hide=("navigation",)), SECTION, src.path,
                subsection=title, nav_title="考核标准")
    return main, info
