"""进度与职责 (timetable) pages: one per source document's timetable — its period and phases as a timeline,
every obligation (who, what, how often or by when, what evidence, which scheme clause it is scored by), the
work items of each level, checklists and forms.

Reads the typed `Timetable` models the repository builds from the validated YAML (the calendar reads the same
ones), so a page shows exactly what `zhibiao calendar` works from.
"""

from __future__ import annotations

from ..model.operations import Evidence, Obligation, Schedule, Timetable
from ..repository import Repository
from .diagrams import Span, timeline_svg
from .documents import DocumentInfo, document_info, page
from .markup import attr, md, md_inline, plain, table
from .pages import Context, Page, Site
from .standards_pages import notes

SECTION = "进度与职责"


def schedule_text(s: Schedule) -> str:
    """How often or by when, as a reader needs it: “每年 1 次，每年 12-31 前（含当日）；自 2018-01-01 起”."""
    parts = []
    if s.repeat == "一次":
        if s.start and s.due:
            parts.append(f"{plain(s.start)} ～ {plain(s.due)}（截止日含当日）")
        elif s.due:
            parts.append(f"{plain(s.due)} 前（含当日）")
        else:
            parts.append("一次，原文未写时间")
    elif s.repeat == "随事件":
        days, months = s.offset_days, s.offset_months
        rel = (f"前 {-days} 日" if days < 0 else f"后 {days} 日" if days else
               f"后 {months} 个月" if months else "时")
        parts.append(f"事件“{plain(s.event)}”{rel}")
    elif s.repeat:
        head = f"每 {s.every} 年" if s.repeat == "每年" and s.every > 1 else s.repeat
        times = f" {s.times} 次" if s.times else ""
        due = f"，{plain(s.due)} 前" if s.due else ""
        parts.append(f"{head}{times}{due}")
    if s.from_date or s.until:
        parts.append(f"适用 {plain(s.from_date or '…')} ～ {plain(s.until or '…')}")
    out = "；".join(parts)
    if s.text:
        out += f"（原文：{plain(s.text)}）"
    return out


def _rule_links(refs: list[str], labels: dict[str, str]) -> str:
    """“方案:条款” references as links to the clause's row on the scheme page (labelled by its name)."""
    out = []
    for ref in refs:
        scheme, _, rule = ref.partition(":")
        label = labels.get(ref)
        out.append(f"[{md_inline(label)}](../schemes/{scheme}.md#{rule})" if label else md_inline(ref))
    return "、".join(out) or "—"


def _evidence(items: tuple[Evidence, ...]) -> str:
    out = []
    for e in items:
        extra = "，".join(x for x in (
            f"交{'、'.join(e.submit_to)}" if e.submit_to else "", e.copies, f"在{e.where}" if e.where else "") if x)
        out.append(md_inline(e.name) + (f"（{md_inline(extra)}）" if extra else ""))
    return "；".join(out) or "—"


def _obligations(items: list[Obligation], labels: dict[str, str]) -> str:
    rows = []
    for o in items:
        who = "、".join(o.responsible)
        if o.participants:
            who += f"（协作：{'、'.join(o.participants)}）"
        rows.append(f"| <span id=\"{attr(o.id)}\"></span>**{md_inline(o.name)}**<br>{md_inline(o.text)} "
                    f"| {md_inline(who)} | {md_inline(schedule_text(o.schedule))} "
                    f"| {_evidence(o.evidence)} | {_rule_links(list(o.rules), labels)} |")
    if not rows:
        return ""
    return "\n".join(["| 职责 | 负责 | 时间 | 证据 | 对应考核条款 |", "| --- | --- | --- | --- | --- |", *rows, ""])


def timeline(tt: Timetable) -> str:
    """The period (活动期) and each phase on one time axis."""
    spans = [Span("全程", *tt.period)] if tt.period else []
    spans += [Span(f"{p.order}. {p.name}".lstrip(". ") if p.order else p.name, p.start, p.end, href=f"#{p.id}")
              for p in tt.phases]
    return timeline_svg("进度安排", spans, ident=f"{tt.id}-phases") if spans else ""


def _phase_sections(tt: Timetable, labels: dict[str, str]) -> list[str]:
    out = []
    by_phase: dict[str, list[Obligation]] = {}
    for o in tt.obligations:
        by_phase.setdefault(o.phase, []).append(o)
    for p in tt.phases:
        order = f"第 {p.order} 阶段 " if p.order else ""
        out += [f"### {md_inline(order + p.name)} {{#{p.id}}}", "",
                f"- 时间：{md_inline(p.period_text)}（{plain(p.start)} ～ {plain(p.end)}）",
                "", md(p.text), "", notes(p), _obligations(by_phase.pop(p.id, []), labels)]
    rest = [o for items in by_phase.values() for o in items]
    if rest:
        out += ["## 常态与周期性职责", "", "不属于某一阶段、按周期或随事件履行的职责：", "", _obligations(rest, labels)]
    return out


def _work_items(tt: Timetable) -> list[str]:
    out = []
    for w in tt.work_items:
        out += [f"### {md_inline(w.name)} {{#{w.id}}}", "", md(w.text), ""]
        out += [f"{i}. {md_inline(item.name)}" for i, item in enumerate(w.items, 1)] + [""]
        if w.performer_text:
            out += [md(w.performer_text), ""]
    return (["## 各层面工作重点", ""] + out) if out else []


def _checklists(tt: Timetable) -> list[str]:
    out = []
    for c in tt.checklists:
        out += [f"### {md_inline(c.name)} {{#{c.id}}}", "", md(c.text), "", "、".join(md_inline(x) for x in c.items), ""]
    return (["## 检查单", ""] + out) if out else []


def _forms(tt: Timetable) -> list[str]:
    out = []
    for f in tt.forms:
        out += [f"### {md_inline(f.number)} {md_inline(f.name)} {{#{f.id}}}", "", md(f.text), ""]
        if f.header_fields:
            out += ["表头：" + "、".join(f"{md_inline(x)}：____" for x in f.header_fields), ""]
        if f.columns:
            out += [table(f.columns, f.sample_rows or [[""] * len(f.columns)]), ""]
    return (["## 表单", ""] + out) if out else []


def _events(tt: Timetable) -> list[str]:
    items = [f"- **{md_inline(e.name)}**：{md_inline(e.text)}" for e in tt.events]
    return (["## 事件", "", "随事件履行的职责以这些事件为起点计算时间：", "", *items, ""]) if items else []


def render_timetable(tt: Timetable, ctx: Context, labels: dict[str, str]) -> tuple[Page, DocumentInfo]:
    info = document_info(tt, path=tt.meta.path)
    head = [md(tt.text), ""]
    if tt.period:
        head += [f"- 全程：{md_inline(tt.period_text)}（{plain(tt.period[0])} ～ {plain(tt.period[1])}）", ""]
    head += [f"本页列出 {len(tt.obligations)} 项职责：谁负责、做什么、何时截止或多久一次、留什么证据，以及未履行时按哪条考核条款扣分。", ""]
    body = "\n".join([*head, notes(tt), "## 进度安排", "", timeline(tt), "", *_phase_sections(tt, labels),
                      *_work_items(tt), *_checklists(tt), *_forms(tt), *_events(tt)])
    path = f"timetable/{info.id}.md"
    return Page(path, info.title, page(info, info.title, body, ctx.repo_url, hide=("navigation",)), SECTION, tt.meta.path), info


def render_timetables(ctx: Context, site: Site, shown: list[tuple[DocumentInfo, str]]) -> None:
    """Every timetable the repository builds from standards/timetables/ (a file that does not validate is not
    built; its problems are reported with the catalog's)."""
    for tt in sorted(Repository(ctx.root).catalog.timetables, key=lambda t: t.meta.path):
        p, info = render_timetable(tt, ctx, site.rule_labels)
        site.pages.append(p)
        site.documents.append(info)
        shown.append((info, p.path))
