"""进度与职责 (timetable) pages: one per source document's timetable — its period and phases as a timeline,
every obligation (who, what, how often or by when, what evidence, which scheme clause it is scored by), the
work items of each level, checklists and forms.

The timetable kind has no typed model yet, so this reads the validated YAML data (the loader's plain mapping)
and keeps to the fields of schemas/timetable.schema.json; a field it does not know is simply not shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..errors import ZhibiaoError
from ..load import load_file
from .diagrams import Span, timeline_svg
from .documents import DocumentInfo, document_info, page
from .markup import attr, md, md_inline, plain, table
from .pages import Context, Page, Site
from .standards_pages import notes

SECTION = "进度与职责"
FOLDER = "standards/timetables"


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def schedule_text(s: dict) -> str:
    """How often or by when, as a reader needs it: “每年 1 次，每年 12-31 前（含当日）；自 2018-01-01 起”."""
    repeat = s.get("repeat", "")
    parts = []
    if repeat == "一次":
        start, due = s.get("start"), s.get("due")
        if start and due:
            parts.append(f"{plain(start)} ～ {plain(due)}（截止日含当日）")
        elif due:
            parts.append(f"{plain(due)} 前（含当日）")
        else:
            parts.append("一次，原文未写时间")
    elif repeat == "随事件":
        days, months = s.get("offset_days"), s.get("offset_months")
        rel = (f"前 {-days} 日" if days is not None and days < 0 else f"后 {days} 日" if days is not None
               else f"后 {months} 个月" if months is not None else "时")
        parts.append(f"事件“{plain(s.get('event', ''))}”{rel}")
    elif repeat:
        every = s.get("every")
        head = f"每 {every} 年" if repeat == "每年" and every and every > 1 else repeat
        times = f" {s['times']} 次" if s.get("times") else ""
        due = f"，{plain(s['due'])} 前" if s.get("due") else ""
        parts.append(f"{head}{times}{due}")
    if s.get("from") or s.get("until"):
        parts.append(f"适用 {plain(s.get('from', '…'))} ～ {plain(s.get('until', '…'))}")
    out = "；".join(parts)
    if s.get("text"):
        out += f"（原文：{plain(s['text'])}）"
    return out


def _rule_links(refs: list[str], labels: dict[str, str]) -> str:
    """“方案:条款” references as links to the clause's row on the scheme page (labelled by its name)."""
    out = []
    for ref in refs:
        scheme, _, rule = ref.partition(":")
        label = labels.get(ref)
        out.append(f"[{md_inline(label)}](../schemes/{scheme}.md#{rule})" if label else md_inline(ref))
    return "、".join(out) or "—"


def _evidence(items: list[dict]) -> str:
    out = []
    for e in items:
        extra = "，".join(x for x in (
            f"交{'、'.join(e['submit_to'])}" if e.get("submit_to") else "", e.get("copies", ""),
            f"在{e['where']}" if e.get("where") else "") if x)
        out.append(md_inline(e.get("name", "")) + (f"（{md_inline(extra)}）" if extra else ""))
    return "；".join(out) or "—"


def _obligations(items: list[dict], labels: dict[str, str]) -> str:
    rows = []
    for o in items:
        who = "、".join(o.get("responsible", []))
        if o.get("participants"):
            who += f"（协作：{'、'.join(o['participants'])}）"
        rows.append(f"| <span id=\"{attr(o['id'])}\"></span>**{md_inline(o.get('name', ''))}**<br>{md_inline(o.get('text', ''))} "
                    f"| {md_inline(who)} | {md_inline(schedule_text(o.get('schedule', {})))} "
                    f"| {_evidence(o.get('evidence', []))} | {_rule_links(o.get('rules', []), labels)} |")
    if not rows:
        return ""
    return "\n".join(["| 职责 | 负责 | 时间 | 证据 | 对应考核条款 |", "| --- | --- | --- | --- | --- |", *rows, ""])


def timeline(data: dict) -> str:
    """The period (活动期) and each phase on one time axis."""
    spans = []
    period = data.get("period") or {}
    start, end = _date(period.get("start")), _date(period.get("end"))
    if start and end:
        spans.append(Span("全程", start, end))
    for p in data.get("phases", []):
        s, e = _date(p.get("start")), _date(p.get("end"))
        if s and e:
            spans.append(Span(f"{p.get('order', '')}. {p.get('name', '')}".lstrip(". "), s, e, href=f"#{p['id']}"))
    return timeline_svg("进度安排", spans, ident=f"{data['id']}-phases") if spans else ""


def _phase_sections(data: dict, labels: dict[str, str]) -> list[str]:
    out = []
    by_phase: dict[str, list[dict]] = {}
    for o in data.get("obligations", []):
        by_phase.setdefault(o.get("phase", ""), []).append(o)
    for p in data.get("phases", []):
        order = f"第 {p['order']} 阶段 " if p.get("order") else ""
        out += [f"### {md_inline(order + p.get('name', ''))} {{#{p['id']}}}", "",
                f"- 时间：{md_inline(p.get('period_text', ''))}（{plain(p.get('start', ''))} ～ {plain(p.get('end', ''))}）",
                "", md(p.get("text", "")), "", notes(p), _obligations(by_phase.pop(p["id"], []), labels)]
    rest = [o for key, items in by_phase.items() for o in items]
    if rest:
        out += ["## 常态与周期性职责", "", "不属于某一阶段、按周期或随事件履行的职责：", "", _obligations(rest, labels)]
    return out


def _work_items(data: dict) -> list[str]:
    out = []
    for w in data.get("work_items", []):
        out += [f"### {md_inline(w.get('name', ''))} {{#{w['id']}}}", "", md(w.get("text", "")), ""]
        out += [f"{i}. {md_inline(item.get('name', item) if isinstance(item, dict) else item)}"
                for i, item in enumerate(w.get("items", []), 1)] + [""]
        if w.get("performer_text"):
            out += [md(w["performer_text"]), ""]
    return (["## 各层面工作重点", ""] + out) if out else []


def _checklists(data: dict) -> list[str]:
    out = []
    for c in data.get("checklists", []):
        out += [f"### {md_inline(c.get('name', ''))} {{#{c['id']}}}", "", md(c.get("text", "")), "",
                "、".join(md_inline(x) for x in c.get("items", [])), ""]
    return (["## 检查单", ""] + out) if out else []


def _forms(data: dict) -> list[str]:
    out = []
    for f in data.get("forms", []):
        out += [f"### {md_inline(f.get('number', ''))} {md_inline(f.get('name', ''))} {{#{f['id']}}}", "",
                md(f.get("text", "")), ""]
        if f.get("header_fields"):
            out += ["表头：" + "、".join(f"{md_inline(x)}：____" for x in f["header_fields"]), ""]
        columns = f.get("columns", [])
        if columns:
            out += [table(columns, f.get("sample_rows") or [[""] * len(columns)]), ""]
    return (["## 表单", ""] + out) if out else []


def _events(data: dict) -> list[str]:
    items = [f"- **{md_inline(e.get('name', ''))}**：{md_inline(e.get('text', ''))}" for e in data.get("events", [])]
    return (["## 事件", "", "随事件履行的职责以这些事件为起点计算时间：", "", *items, ""]) if items else []


def render_timetable(data: dict, rel: str, ctx: Context, labels: dict[str, str]) -> tuple[Page, DocumentInfo]:
    info = document_info(data, path=rel)
    period = data.get("period") or {}
    head = [md(data.get("text", "")), ""]
    if period:
        head += [f"- 全程：{md_inline(period.get('period_text', ''))}（{plain(period.get('start', ''))} ～ "
                 f"{plain(period.get('end', ''))}）", ""]
    count = len(data.get("obligations", []))
    head += [f"本页列出 {count} 项职责：谁负责、做什么、何时截止或多久一次、留什么证据，以及未履行时按哪条考核条款扣分。", ""]
    body = "\n".join([*head, notes(data), "## 进度安排", "", timeline(data), "", *_phase_sections(data, labels),
                      *_work_items(data), *_checklists(data), *_forms(data), *_events(data)])
    path = f"timetable/{info.id}.md"
    return Page(path, info.title, page(info, info.title, body, ctx.repo_url, hide=("navigation",)), SECTION, rel), info


def render_timetables(ctx: Context, site: Site, shown: list[tuple[DocumentInfo, str]]) -> None:
    """Every timetable under standards/timetables/ that loads; one that does not is reported by validation."""
    folder = ctx.root / FOLDER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        rel = Path(path).relative_to(ctx.root).as_posix()
        try:
            data = load_file(path, rel).data
        except ZhibiaoError as exc:
            site.problems.append(str(exc))
            continue
        if not isinstance(data, dict) or data.get("kind") != "timetable":
            continue
        try:
            p, info = render_timetable(data, rel, ctx, site.rule_labels)
        except (KeyError, TypeError, AttributeError) as exc:  # a malformed file: validation names the place
            site.problems.append(f"{rel}: 无法生成进度与职责页面（{exc!r}），请先运行 zhibiao validate")
            continue
        site.pages.append(p)
        site.documents.append(info)
        shown.append((info, p.path))
