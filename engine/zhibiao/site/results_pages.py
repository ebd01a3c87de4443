"""考核结果: the results of each period on the handbook site, so staff read their department's results where they
read the rules. Read through `api.published_results` from the results database (the latest run of every period)
or from results files (`zhibiao score --format json -o …`), as `[site] results` in zhibiao.toml (or
ZHIBIAO_SITE_RESULTS, or `zhibiao docs --results`) says; nothing configured, no section.

Pages: `results/index.md` (the periods, and each subject's totals across periods where there are several) and one
page per scheme and period: a ranked table per block, then per subject its categories and every deduction, each
linking to its rule's row on the scheme page. Every name, period and wording comes from a committee or a
submitter and goes through `markup` (Markdown-escaped, so `<script>` is text).
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from typing import Iterable

from .. import api
from ..errors import ZhibiaoError
from ..model.results import CategoryResult, Deduction, Result, SubjectResult
from ..model.runs import PublishedRun
from ..repository import Repository
from ..render.scores import category_line
from .markup import md_inline, number
from .pages import Context, Page, Site
from .schemes import scheme_url

SECTION = "考核结果"
FOLDER = "results"


def period_page(run: PublishedRun) -> str:
    """The page of one scheme's period, e.g. results/cz-quality-season-2009.md (ids and keys made file-safe)."""
    return f"{FOLDER}/{_safe(run.result.scheme_id)}-{_safe(run.period)}.md"


def _safe(text: str) -> str:
    """A file or anchor name: letters (Chinese too), digits, “.”, “_” and “-”; anything else becomes “-”.
    A name that loses characters gets a short hash, so two names never share a page or an anchor."""
    cleaned = re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-.") or "x"
    if cleaned != text:
        cleaned += "-" + hashlib.sha256(text.encode()).hexdigest()[:6]
    return cleaned


def subject_anchor(name: str) -> str:
    return "s-" + _safe(name)


def _n(value: Decimal | None) -> str:
    return "—" if value is None else number(value)


def _rank(s: SubjectResult) -> str:
    return "—" if s.rank is None else f"第 {s.rank} 名"


def _evidence(d: Deduction) -> str:
    """What the rule read, as a reader says it: “本部门缺席人数 = 1”; records by their fields."""
    parts = []
    for e in d.evidence:
        if "fact" in e or "name" in e:
            v = e.get("value")
            shown = ("是" if v else "否") if isinstance(v, bool) else str(v)
            parts.append(f"{e.get('name') or e.get('fact')} = {shown}")
        elif isinstance(e.get("row"), dict):
            parts.append("、".join(f"{k} = {v}" for k, v in e["row"].items()))
    return "；".join(parts)


class _Links:
    """Links to the rules' rows: only to rules the site shows (a stored run of an older version may name a rule
    the current scheme no longer has; it is then named, not linked — the strict build refuses dead anchors)."""

    def __init__(self, site: Site) -> None:
        self.labels = site.rule_labels

    def rule(self, scheme_id: str, rule_id: str) -> str:
        label = self.labels.get(f"{scheme_id}:{rule_id}")
        if label is None or not re.fullmatch(r"[A-Za-z0-9_.-]+", rule_id):
            return f"`{md_inline(rule_id)}`" if rule_id else "—"
        return f"[{md_inline(label)}](../{scheme_url(scheme_id)}#{rule_id})"

    def scheme(self, result: Result) -> str:
        title = md_inline(result.scheme_title or result.scheme_id)
        if any(k.startswith(result.scheme_id + ":") for k in self.labels):
            return f"[{title}](../{scheme_url(result.scheme_id)})"
        return title


def _deduction(d: Deduction, scheme_id: str, links: _Links) -> str:
    verb = "加" if d.effect > 0 else "扣"
    if d.breakdown or (d.detail and d.quantity == 1):
        how = f"{verb} {number(d.gross)} 分"
    else:
        how = f"{number(d.quantity)} {md_inline(d.unit)} × {number(d.amount)} 分 = {verb} {number(d.gross)} 分"
    if d.capped:
        how += f"（本条上限截去 {number(d.capped)} 分，实{verb} {number(d.subtotal)} 分）"
    line = f"{links.rule(scheme_id, d.rule_id)}：{md_inline(d.text)} —— **{how}**"
    if d.detail:
        line += f"（{md_inline(d.detail)}）"
    evidence = _evidence(d)
    return line + (f"<br>依据：{md_inline(evidence)}" if evidence else "")


def _category(c: CategoryResult, scheme_id: str, links: _Links, depth: int = 0) -> list[str]:
    """The category's line as `zhibiao score` prints it (score / points, what was deducted, added, cut), then
    its deductions and sub-categories."""
    pad = "    " * depth
    out = [f"{pad}- {md_inline(category_line(c, ''))}"]
    out += [f"{pad}    - {_deduction(d, scheme_id, links)}" for d in c.deductions]
    for child in c.children:
        out += _category(child, scheme_id, links, depth + 1)
    return out


def _subject(s: SubjectResult, result: Result, links: _Links) -> list[str]:
    facts = [f"板块 {md_inline(s.block)}", f"总分 **{number(s.total)}**", _rank(s)]
    if s.award:
        facts.append(f"评比：{md_inline(s.award)}")
    if s.grade:
        facts.append(f"等级：{md_inline(s.grade)}")
    out = [f"### {md_inline(s.name)} {{#{subject_anchor(s.name)}}}", "", " · ".join(facts), ""]
    for note in (s.rank_note, s.award_note):
        if note:
            out += [f"> {md_inline(note)}", ""]
    for v in s.vetoes:
        out += [f"> 否决：{md_inline(v.name)} —— {md_inline(v.text)}", ""]
    for c in s.categories:
        out += _category(c, result.scheme_id, links)
    return out + [""]


def _blocks(result: Result) -> dict[str, list[SubjectResult]]:
    out: dict[str, list[SubjectResult]] = {}
    for s in result.subjects:
        out.setdefault(s.block, []).append(s)
    return {b: sorted(xs, key=lambda s: (s.rank is None, s.rank or 0, -s.total, s.name)) for b, xs in out.items()}


def _ranked(subjects: list[SubjectResult]) -> list[str]:
    """The ranked table of one block: it keeps its columns and scrolls sideways inside its box on a phone."""
    cats: list[tuple[str, str]] = []
    for s in subjects:
        for c in s.categories:
            if (c.id, c.name) not in cats:
                cats.append((c.id, c.name))
    head = ["名次", "考核对象", "总分", *(md_inline(n) for _, n in cats), "评比"]
    rows = []
    for s in subjects:
        scores = {c.id: c.score for c in s.categories}
        rows.append([str(s.rank) if s.rank is not None else "—",
                     f'<span class="zb-name">[{md_inline(s.name)}](#{subject_anchor(s.name)})</span>',
                     f"**{number(s.total)}**",
                     *(_n(scores.get(cid)) for cid, _ in cats), md_inline(s.award) if s.award else "—"])
    return ['<div class="zb-scroll" markdown>', "", "| " + " | ".join(head) + " |",
            "|" + "|".join([" ---: ", " --- ", " ---: ", *(" ---: " for _ in cats), " --- "]) + "|",
            *("| " + " | ".join(r) + " |" for r in rows), "", "</div>", ""]


def _provenance(run: PublishedRun) -> str:
    r = run.result
    parts = [f"考核方案：{md_inline(r.scheme_id)} 版本 {md_inline(r.version)}",
             f"评分日期 {r.as_of.isoformat()}", f"来源：{md_inline(run.origin)}"]
    if run.run is not None:
        parts.append(f"保存于 {md_inline(run.run.created_at)}（{md_inline(run.run.created_by)}）")
    if r.revision:
        parts.append(f"方案文件版本 `{md_inline(r.revision)}`")
    if r.rules_hash:
        parts.append(f"规则哈希 `{md_inline(r.rules_hash[:19])}…`")
    return "；".join(parts)


def render_period(run: PublishedRun, links: _Links) -> Page:
    r = run.result
    title = r.period or run.period
    body = [f"# {md_inline(title)}", "",
            f"{links.scheme(r)}的考核结果，共 {len(r.subjects)} 个考核对象。每笔扣分链接到考核方案中它所依据的条款；"
            "名次与评比按方案的规定产生。", "",
            _provenance(run) + "。", ""]
    if r.awards_note:
        body += [f'!!! note "评比说明"', "", f"    {md_inline(r.awards_note)}", ""]
    blocks = _blocks(r)
    body += ["## 各板块排名", ""]
    for block, subjects in blocks.items():
        body += [f"### {md_inline(block)} 板块" if len(blocks) > 1 or block else "### 排名", "", *_ranked(subjects)]
    body += ["## 各考核对象的得分与扣分", "",
             "每个类别的得分 / 满分，其下是每一笔扣分：依据的条款（点击查看原文与机器形式）、原文、数量 × 分值，"
             "以及评分读到的填报事实。", ""]
    for block, subjects in blocks.items():
        for s in subjects:
            body += _subject(s, r, links)
    return Page(period_page(run), title, "\n".join(body), SECTION, subsection=r.scheme_title or r.scheme_id,
                nav_title=run.period)


def _trend(runs: list[PublishedRun]) -> list[str]:
    """Each subject's total (and rank) in every period of one scheme, oldest first, with the change."""
    periods = [p.period for p in runs]
    names: dict[str, str] = {}
    cell: dict[tuple[str, str], SubjectResult] = {}
    for p in runs:
        for s in p.result.subjects:
            names.setdefault(s.name, s.block)
            cell[(s.name, p.period)] = s
    head = ["考核对象", "板块", *(md_inline(x) for x in periods), f"变化（{md_inline(periods[-2])} → {md_inline(periods[-1])}）"]
    rows = []
    for name, block in sorted(names.items(), key=lambda kv: (kv[1], kv[0])):
        shown = []
        for p in runs:
            s = cell.get((name, p.period))
            shown.append("—" if s is None else f"[{number(s.total)}]({_rel(p)}#{subject_anchor(name)})"
                         + (f"（{s.rank}）" if s.rank is not None else ""))
        a, b = cell.get((name, periods[-2])), cell.get((name, periods[-1]))
        change = "—" if a is None or b is None else (f"+{number(b.total - a.total)}" if b.total > a.total
                                                      else number(b.total - a.total) if b.total < a.total else "0")
        rows.append([f'<span class="zb-name">{md_inline(name)}</span>', md_inline(block), *shown, change])
    return ['<div class="zb-scroll" markdown>', "", "| " + " | ".join(head) + " |",
            "|" + "|".join([" --- ", " --- ", *(" ---: " for _ in periods), " ---: "]) + "|",
            *("| " + " | ".join(r) + " |" for r in rows), "", "</div>", ""]


def _rel(run: PublishedRun) -> str:
    return period_page(run).split("/", 1)[1]


def render_index(published: list[PublishedRun], links: _Links) -> Page:
    body = ["# 考核结果", "",
            "各考核期的评分结果：每期一页，先按板块列出名次与各类别得分，再列出每个考核对象的每一笔扣分及其依据的条款。"
            "结果由质量办用 zhibiao 评分后发布（见质量手册“保存与比较评分结果”），与本手册所载的考核方案同源。", "",
            "| 考核期 | 考核方案 | 评分日期 | 考核对象 | 来源 |", "| --- | --- | --- | ---: | --- |"]
    for p in published:
        r = p.result
        body.append(f"| [{md_inline(r.period or p.period)}]({_rel(p)}) | {links.scheme(r)} {md_inline(r.version)} "
                    f"| {r.as_of.isoformat()} | {len(r.subjects)} | {md_inline(p.origin)} |")
    body.append("")
    by_scheme: dict[str, list[PublishedRun]] = {}
    for p in published:
        by_scheme.setdefault(p.result.scheme_id, []).append(p)
    for runs in by_scheme.values():
        if len(runs) < 2:
            continue
        body += [f"## 历年总分：{md_inline(runs[-1].result.scheme_title or runs[-1].result.scheme_id)}", "",
                 "每个考核对象各期的总分（括号内为名次），点击分数查看该期的扣分明细；“变化”为最近两期总分之差。", "",
                 *_trend(runs)]
    return Page(f"{FOLDER}/index.md", "考核结果", "\n".join(body), SECTION)


def render_results(ctx: Context, site: Site, sources: Iterable[str] | None = None) -> None:
    """Add the 考核结果 pages when results are configured (or `sources` given); problems are collected."""
    try:
        published = api.published_results(sources, repository=Repository(ctx.root))  # fresh: mkdocs serve rebuilds
    except ZhibiaoError as exc:
        site.problems += [f"考核结果：{p}" for p in exc.problems]
        return
    if not published:
        return
    links = _Links(site)
    site.pages.append(render_index(published, links))
    site.pages += [render_period(p, links) for p in published]
