"""Scheme page sections for the general assessment language: how each category is scored (method, base, floor,
weight, rounding), open subject lists and their attributes, grade scales, measures and roll-ups, vetoes,
eligibility limits, grading and awards — each next to its original wording."""

from __future__ import annotations

from ..compile.describe import TIES, name_of, rule_text
from ..conditions import describe
from ..model.scheme import ADD, Category, Rule, Scheme
from ..numbers import fmt
from .markup import md, md_inline, number, table


def amount_label(rule: Rule, dated: str) -> str:
    """The short amount shown beside a rule: “扣 1 分”, “加 5 分”, “分档计分”, “按名次计分”…"""
    verb = "加" if rule.effect == ADD else "扣"
    if rule.mode == "bands":
        return "分档计分"
    if rule.mode == "grade":
        return f"按等级 × {dated} 分"
    if rule.mode == "rank":
        return "按名次计分"
    if rule.mode == "change":
        return "与上期比较"
    if rule.mode == "each" and rule.by:
        return f"按等级{verb}分"
    return f"{verb} {dated} 分"


def new_machine_form(rule: Rule, scheme: Scheme) -> str:
    """The machine form of the mechanisms whose amount depends on an alternative (bands, grades, levels…)."""
    text = rule_text(scheme, rule)
    if rule.cap is not None and rule.mode == "change":
        text += f"，加分、扣分各不超过 {number(rule.cap)} 分"
    elif rule.cap is not None:
        text += f"，本规则最多{'加' if rule.effect == ADD else '扣'} {number(rule.cap)} 分"
    return text


def category_method(cat: Category) -> str:
    """“扣分制，最低10分”, “加分制，以25分为基础分，最高30分”, “× 60%”, “保留两位小数（四舍五入）”."""
    parts = []
    if not cat.children:
        parts.append(cat.method)
        if cat.method == "加分制" and cat.base:
            parts.append(f"以{number(cat.base)}分为基础分")
        elif cat.method == "扣分制" and cat.base != cat.points:
            parts.append(f"以{number(cat.base)}分为基础分")
        if cat.floor:
            parts.append(f"最低{number(cat.floor)}分")
    else:
        parts.append("由子项目" + ("加权合成" if any(c.weight is not None for c in cat.children) else "相加"))
    if cat.weight is not None:
        parts.append(f"计入上一级 × {fmt(cat.weight * 100)}%")
    if cat.rounding is not None:
        parts.append(str(cat.rounding))
    return "，".join(parts)


def is_plain(scheme: Scheme) -> bool:
    """A scheme written only with the 2009 deduction mechanisms (its page keeps the original wording)."""
    return (all(c.method == "扣分制" and c.base == c.points and c.floor == scheme.category_floor and not c.children
                and c.weight is None and c.rounding is None for c in scheme.categories)
            and all(r.mode in ("when", "count", "each") and not r.by and r.effect != ADD for r in scheme.rules)
            and not (scheme.vetoes or scheme.eligibility or scheme.gradings or scheme.measures or scheme.rounding))


def scoring_lines(scheme: Scheme) -> list[str]:
    out = [f"- 满分 **{number(scheme.full_marks)} 分**；各考核类别的计分方法、最低分、权重和舍入写在考核标准表的“量化分值”一栏。"]
    for b in scheme.blocks:
        r = scheme.rounding_for(b.id)
        if r is not None:
            out.append(f"- {md_inline(b.name)}的总分{r}。")
    return out


def block_lines(scheme: Scheme, block_id: str) -> list[str]:
    block = scheme.block(block_id)
    if block is None or not block.open:
        return []
    out = [f"- 考核对象：**开放名单**（种类：{md_inline(block.kind)}）——不列名单，填报中本板块的每个考核对象都参加考核。"]
    for a in block.attributes:
        allowed = f"（可填：{'、'.join(md_inline(v) for v in a.values)}）" if a.values else ""
        out.append(f"- 属性“{md_inline(a.name)}”（`{a.id}`）{allowed}：{md_inline(a.description)}")
    return out


def sections(scheme: Scheme) -> str:
    """Everything after the scheme table that the 2009 scheme does not have."""
    parts = [_scales(scheme), _measures(scheme), _vetoes(scheme), _eligibility(scheme), _grading(scheme)]
    return "\n".join(p for p in parts if p)


def _scales(scheme: Scheme) -> str:
    if not scheme.grade_scales:
        return ""
    rows = [[s.name, "、".join(f"{g} {fmt(v)}" for g, v in s.grades), s.text or "—"] for s in scheme.grade_scales]
    return "## 等级赋值\n\n评委给出等级，该项得分 = 等级系数 × 本项分值。\n\n" + table(["等级表", "等级与系数", "原文"], rows)


FUNCTIONS = {"count": "条数", "sum": "合计", "mean": "平均值", "min": "最低值", "max": "最高值", "share": "占比（%）"}


def measure_text(scheme: Scheme, mid: str) -> str:
    m = scheme.measure(mid)
    if m is None:
        return mid
    if m.records:
        rec = scheme.record(m.records)
        field = rec.field(m.field) if rec and m.field else None
        what = f"“{rec.name if rec else m.records}”记录" + (f"的“{field.name}”" if field else "")
    else:
        block = scheme.block(m.members)
        group = f"（按成员的“{name_of(scheme, m.by)}”分组）" if m.by else "（全部成员）"
        of = "总分" if m.of == "total" else ("" if not m.of else f"“{_of_name(scheme, m.of)}”")
        what = f"{block.name if block else m.members}{group}{of}"
    where = f"，只算满足“{condition(scheme, m.where)}”的" if m.where else ""
    rounding = f"，{m.rounding}" if m.rounding else ""
    return f"{what}的{FUNCTIONS[m.function]}{where}{rounding}"


def condition(scheme: Scheme, cond: dict) -> str:
    """A condition in Chinese, with the names of facts, attributes and measures."""
    names = {f.id: f.name for f in scheme.facts} | {m.id: m.name for m in scheme.measures}
    names |= {a.id: a.name for b in scheme.blocks for a in b.attributes} | {"total": "总分", "grade": "等级"}
    names |= {c.id: c.name for c in scheme.all_categories}
    names |= {f.id: f.name for r in scheme.records for f in r.fields}
    return describe(cond, names)


def _of_name(scheme: Scheme, name: str) -> str:
    cat = scheme.category(name)
    return cat.name if cat is not None else name_of(scheme, name)


def _measures(scheme: Scheme) -> str:
    if not scheme.measures:
        return ""
    rows = [[m.name, m.id, measure_text(scheme, m.id), m.text or "—"] for m in scheme.measures]
    return ("## 汇总指标\n\n由记录或由下一层次考核对象的结果算出的数；逐级汇总时，下一层次先评分（含一票否决与等级），再汇总。\n\n"
            + table(["名称", "标识", "怎样算", "原文"], rows))


def _vetoes(scheme: Scheme) -> str:
    if not scheme.vetoes:
        return ""
    rows = []
    for v in scheme.vetoes:
        effect = "；".join(x for x in (f"总分记 {number(v.score)} 分" if v.score is not None else "",
                                        f"等级定为“{v.grade}”" if v.grade else "") if x)
        rows.append([v.text, condition(scheme, v.when), effect + "；不参加任何评比"])
    return "## 一票否决 {#vetoes}\n\n" + table(["原文", "条件", "结果"], rows)


def _eligibility(scheme: Scheme) -> str:
    if not scheme.eligibility:
        return ""
    rows = []
    for e in scheme.eligibility:
        cond = (f"“{name_of(scheme, e.most)}”最多的前 {e.top} 名（并列的一并计入，0 不算）" if e.most
                else condition(scheme, e.when or {}))
        effect = "；".join(x for x in (f"等级最高为“{e.max_grade}”" if e.max_grade else "",
                                        f"不参加：{'、'.join(_award_name(scheme, a) for a in e.excludes)}" if e.excludes else "",
                                        "不参加任何评比" if e.all_awards else "") if x)
        rows.append([e.text, cond, effect])
    return "## 评优限制 {#eligibility}\n\n不改变得分，只限制等级或评比。\n\n" + table(["原文", "条件", "限制"], rows)


def _award_name(scheme: Scheme, aid: str) -> str:
    return next((a.name for a in scheme.award_list if a.id == aid), aid)


def _grading(scheme: Scheme) -> str:
    out = []
    for g in scheme.gradings:
        blocks = "、".join(b.name for b in scheme.blocks if not g.blocks or b.id in g.blocks)
        rows = []
        above = None
        for grade, at_least in g.levels:
            if at_least is None:
                cond = f"总分 < {number(above)}" if above is not None else "任意"
            elif above is None:
                cond = f"总分 ≥ {number(at_least)}"
            else:
                cond = f"{number(at_least)} ≤ 总分 < {number(above)}"
            rows.append([grade, cond])
            above = at_least if at_least is not None else above
        out.append(f"## 考核等级（{md_inline(blocks)}） {{#grading}}\n\n{md(g.text)}\n\n" + table(["等级", "总分"], rows))
    return "\n".join(out)


def awards_section(scheme: Scheme) -> str:
    out = []
    for aw in scheme.award_list:
        tiers = "、".join(f"{md_inline(t.name)} " + (f"{t.count} 名" if t.share is None else
                                                   f"不超过参加考核人数的 {fmt(t.share * 100)}%") for t in aw.tiers)
        extra = f"；只在等级为 {'、'.join(aw.grades)} 的考核对象中评" if aw.grades else ""
        out += [f"## {md_inline(aw.name)}", "", md(aw.text), "",
                f"- 奖项：{tiers or '—'}；评比范围：{md_inline(aw.scope)}{md_inline(extra)}", ""]
    return "\n".join(out)


def ties_text(ties: str) -> str:
    return f"{ties}（{TIES[ties]}）"
