"""The calendar as text (a Chinese table by status), JSON, and iCalendar (RFC 5545) for staff calendars.

The .ics is made with the `icalendar` package (optional extra `calendar`): one all-day event per dated entry on its
due day, with a reminder the day before, and one event per phase in progress or starting soon. UIDs are stable
(document, obligation, due day), so importing a newer export updates events instead of duplicating them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..errors import Location, Problem, UsageError
from ..model.operations import OVERDUE, STATUS_ORDER, Calendar, CalendarEntry
from .output import table

HEADERS = ["状态", "截止", "还剩", "事项", "负责", "机构", "依据"]


def _who(e: CalendarEntry) -> str:
    text = "、".join(e.obligation.responsible)
    if "接收" not in e.role:
        return text
    return f"{text}（本部门接收：{'、'.join(ev.name for ev in e.obligation.evidence if ev.submit_to)}）"


def _row(e: CalendarEntry) -> list[str]:
    o = e.obligation
    return [e.status, str(e.due) if e.due else "—", e.when or o.schedule.text, o.name, _who(e),
            o.origin.institution_name, f"{o.source.file[:3]} {o.source.section}"]


def calendar_table(cal: Calendar) -> str:
    who = f"（{cal.department}）" if cal.department else ""
    lines = [f"工作日历{who}：{cal.as_of}（即将到期 = {cal.horizon} 天内；逾期事项列出 {cal.lookback} 天内到期的）", ""]
    if cal.phases:
        lines.append(table(["阶段", "起止", "状态", "机构"], [
            [p.phase.name, f"{p.phase.start}—{p.phase.end}", p.status, p.origin.institution_name] for p in cal.phases]))
        lines.append("")
    if cal.entries:
        lines.append(table(HEADERS, [_row(e) for e in cal.entries]))
    else:
        lines.append("这一天前后没有到期、将到期或进行中的事项。")
    warned = cal.warnings()
    if warned:
        lines += ["", f"预警：{len(warned)} 项已过截止日（日历只知道截止日，不记录是否已经完成；已完成的可忽略）。"]
    for e in cal.entries:
        if e.status in (OVERDUE,) or e.days in (0, 1):
            o = e.obligation
            lines += ["", f"【{e.status}】{o.name}（{e.when}）", f"  原文：{o.text}",
                      f"  时间：{o.schedule.text}" + (f"；编码说明：{'；'.join(o.schedule.decision)}" if o.schedule.decision else "")]
            lines += [f"  证据：{ev.name}" + (f"，交{'、'.join(ev.submit_to)}" if ev.submit_to else "")
                      + (f"（{ev.copies}）" if ev.copies else "") for ev in o.evidence]
            lines.append(f"  出处：{o.source.file}，{o.source.section}；{o.origin.label}")
    lines += [""] + [f"说明：{n}" for n in cal.notes]
    return "\n".join(lines).rstrip() + "\n"


def _entry(e: CalendarEntry) -> dict[str, Any]:
    o = e.obligation
    return {
        "状态": e.status, "截止": str(e.due) if e.due else None, "距截止天数": e.days, "说明": e.when,
        "职责": o.id, "名称": o.name, "负责": list(o.responsible), "本部门角色": e.role,
        "开始": str(e.occurrence.start) if e.occurrence.start else None,
        "频次": o.schedule.repeat, "时间原文": o.schedule.text, "编码说明": list(o.schedule.decision),
        "证据": [{"名称": ev.name, "交": list(ev.submit_to), "份数": ev.copies, "表单": ev.form} for ev in o.evidence],
        "原文": o.text, "出处": {"文件": o.source.file, "章节": o.source.section},
        "来源": {"机构": o.origin.institution, "机构名称": o.origin.institution_name, "层级": o.origin.tier,
                 "文件": o.origin.document, "路径": o.origin.path},
        "考核条款": list(o.rules),
    }


def calendar_json(cal: Calendar) -> str:
    data = {
        "日期": str(cal.as_of), "部门": cal.department or None, "即将到期天数": cal.horizon, "逾期列出天数": cal.lookback,
        "事件": {k: str(v) for k, v in cal.events},
        "阶段": [{"阶段": p.phase.id, "名称": p.phase.name, "开始": str(p.phase.start), "结束": str(p.phase.end),
                  "状态": p.status, "机构": p.origin.institution_name, "文件": p.origin.document} for p in cal.phases],
        "事项": [_entry(e) for e in cal.entries],
        "统计": {s: sum(1 for e in cal.entries if e.status == s) for s in STATUS_ORDER},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def calendar_ics(cal: Calendar) -> str:
    try:
        import icalendar  # optional extra: pip install 'zhibiao[calendar]'
    except ImportError:
        raise UsageError([Problem.of("calendar.ics-missing", Location("--format ics"))]) from None
    ics = icalendar.Calendar()
    ics.add("prodid", "-//zhibiao//质标 工作日历//ZH")
    ics.add("version", "2.0")
    ics.add("calscale", "GREGORIAN")
    ics.add("x-wr-calname", f"质标工作日历{('（' + cal.department + '）') if cal.department else ''}")
    stamp = dt.datetime.combine(cal.as_of, dt.time(0, 0), tzinfo=dt.timezone.utc)
    for e in cal.entries:
        if e.due is None:
            continue
        o = e.obligation
        ev = icalendar.Event()
        ev.add("uid", f"{o.origin.document}.{o.id}.{e.due.isoformat()}@zhibiao")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.due)
        ev.add("dtend", e.due + dt.timedelta(days=1))
        ev.add("summary", f"截止：{o.name}（{o.origin.institution_name}）")
        lines = [f"负责：{'、'.join(o.responsible)}", f"时间：{o.schedule.text}", f"原文：{o.text}"]
        lines += [f"证据：{x.name}" + (f"，交{'、'.join(x.submit_to)}" if x.submit_to else "") for x in o.evidence]
        lines.append(f"出处：{o.source.file}，{o.source.section}")
        ev.add("description", "\n".join(lines))
        ev.add("categories", [e.status])
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"明天截止：{o.name}")
        alarm.add("trigger", dt.timedelta(days=-1))
        ev.add_component(alarm)
        ics.add_component(ev)
    for p in cal.phases:
        ev = icalendar.Event()
        ev.add("uid", f"{p.origin.document}.{p.phase.id}@zhibiao")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", p.phase.start)
        ev.add("dtend", p.phase.end + dt.timedelta(days=1))
        ev.add("summary", f"阶段：{p.phase.name}（{p.origin.institution_name}）")
        ev.add("description", f"{p.phase.period_text}：{p.phase.text}")
        ics.add_component(ev)
    return ics.to_ical().decode("utf-8")


RENDERERS = {"table": calendar_table, "json": calendar_json, "ics": calendar_ics}
