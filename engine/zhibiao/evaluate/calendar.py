"""The calendar (工作日历) for a day: every obligation's occurrences near that day, and its status.

Python does the date arithmetic — expanding 每年/每学期/每月/一次/常态化/随事件 schedules into occurrences and
measuring each against the day asked about — and durable-rules decides each occurrence's status
(`compile.calendar.STATUS_RULES`, hit policy “first”). Deadlines are inclusive: due on the day asked is
今天到期, the day after is 逾期.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from typing import Iterable, Mapping

from ..compile import calendar as compiled
from ..compile.conditions import FIELD, KIND
from ..model.operations import (MONTHLY, ON_EVENT, ONCE, ONGOING, STATUS_ORDER, TERMLY, YEARLY, Calendar,
                                CalendarEntry, Obligation, Occurrence, PhaseEntry, Timetable)
from . import engine

FAR = 10 ** 7  # “no such bound”, as a number the engine can compare


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def month_day(year: int, text: str) -> dt.date:
    """“12-31” in `year`; 02-29 in a common year is the 28th."""
    m, d = (int(x) for x in text.split("-"))
    return dt.date(year, m, min(d, _calendar.monthrange(year, m)[1]))


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months; a day past the month's end is clamped (2020-02-29 + 12 months → 2021-02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _calendar.monthrange(year, month + 1)[1]))


def _parse(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _window(o: Obligation, t: Timetable) -> tuple[dt.date | None, dt.date | None]:
    """When a task without dates of its own may be done: its phase, else the document's period."""
    phase = next((p for p in t.phases if p.id == o.phase), None)
    if phase is not None:
        return phase.start, phase.end
    return t.period if t.period else (t.meta.effective, None)


def occurrences(o: Obligation, t: Timetable, as_of: dt.date, horizon: int, lookback: int,
                events: Mapping[str, dt.date]) -> list[tuple[Occurrence, str]]:
    """The occurrences of `o` that can matter on `as_of`, each with its shape for the status rules."""
    s = o.schedule
    first, last = as_of - dt.timedelta(days=lookback), as_of + dt.timedelta(days=horizon)
    applies_from = s.from_date or t.meta.effective
    applies_until = s.until
    out: list[tuple[Occurrence, str]] = []

    def add(period_start: dt.date | None, period_end: dt.date | None, start: dt.date | None, due: dt.date | None,
            shape: str) -> None:
        out.append((Occurrence(o, period_start, period_end, start, due), shape))

    if s.repeat == ONCE:
        win_start, win_end = _window(o, t)
        due = _parse(s.due) if s.due else None
        start = _parse(s.start) if s.start else win_start
        if due is not None:
            add(start, due, start, due, compiled.DATED)
        else:
            add(win_start, win_end, win_start, None, compiled.UNDATED_SHAPE)
    elif s.repeat == YEARLY:
        step = max(s.every, 1)
        anchor = s.anchor if s.anchor is not None else applies_from.year
        years = range(first.year - step, last.year + 1)
        for y in years:
            if (y - anchor) % step:
                continue
            p_start, p_end = dt.date(y, 1, 1), dt.date(y + step - 1, 12, 31)
            if p_end < applies_from or (applies_until and p_start > applies_until):
                continue
            start = month_day(y, s.start) if s.start else max(p_start, applies_from)
            if s.due:
                due = month_day(y + step - 1, s.due)
                if due >= applies_from and first <= due <= last or start <= as_of <= due:
                    add(p_start, p_end, start, due, compiled.DATED)
            elif p_start <= as_of <= p_end:
                add(p_start, p_end, start, None, compiled.UNDATED_SHAPE)
    elif s.repeat == MONTHLY:
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            p_start, p_end = dt.date(y, m, 1), month_end(y, m)
            due = p_end if s.due in ("", "月末") else dt.date(y, m, min(int(s.due), p_end.day))
            if applies_until and due > applies_until:
                due = applies_until  # the last, partial month ends with the obligation
            if p_end >= applies_from and (not applies_until or p_start <= applies_until):
                add(p_start, p_end, max(p_start, applies_from), due, compiled.DATED)
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    elif s.repeat == TERMLY:
        ends = sorted(month_day(y, e) for y in range(first.year - 1, last.year + 2) for e in t.semester_ends)
        for before, end in zip(ends, ends[1:]):
            start = before + dt.timedelta(days=1)
            if end < applies_from or (applies_until and start > applies_until):
                continue
            if first <= end <= last or start <= as_of <= end:
                add(start, end, start, end, compiled.DATED)
    elif s.repeat == ONGOING:
        end = applies_until
        add(applies_from, end, applies_from, None, compiled.ONGOING)
    elif s.repeat == ON_EVENT:
        day = events.get(s.event)
        if day is None:
            if t.period is None or t.period[0] <= as_of <= t.period[1]:
                add(None, None, None, None, compiled.WAITING)
        else:
            due = add_months(day, s.offset_months) + dt.timedelta(days=s.offset_days)
            add(None, due, None, due, compiled.DATED)
    return out


def _fact(i: int, occ: Occurrence, shape: str, as_of: dt.date) -> dict:
    def days(a: dt.date | None, b: dt.date | None, default: int) -> int:
        return (a - b).days if a is not None and b is not None else default

    return {"id": f"o{i}", KIND: compiled.OCCURRENCE, FIELD + "shape": shape,
            FIELD + "days_to_due": days(occ.due, as_of, FAR),
            FIELD + "days_from_start": days(as_of, occ.start, 0),
            FIELD + "days_to_end": days(occ.period_end, as_of, FAR)}


def involves(t: Timetable, o: Obligation, department: str) -> str:
    """“负责” if `department` is among those responsible (groups expanded), “接收” if it receives evidence."""
    who = t.members(department)
    roles = [role for role, names in (("负责", o.responsible), ("接收", o.recipients))
             if any(who & t.members(n) for n in names)]
    return "、".join(roles)


def names(timetables: Iterable[Timetable]) -> set[str]:
    """Every department, body, group or alias the timetables mention (for suggestions)."""
    out: set[str] = set()
    for t in timetables:
        for o in t.obligations:
            for n in (*o.responsible, *o.participants, *o.recipients):
                out |= t.members(n)
        out |= {g.name for g in t.groups} | {a for a, _ in t.aliases} | {b.name for b in t.bodies}
    return out


def build_calendar(timetables: Iterable[Timetable], as_of: dt.date, *, horizon: int = 30, lookback: int = 30,
                   department: str = "", events: Mapping[str, dt.date] | None = None) -> Calendar:
    events = dict(events or {})
    tables = list(timetables)
    candidates: list[tuple[Occurrence, str, str]] = []  # occurrence, shape, role
    for t in tables:
        for o in t.obligations:
            role = involves(t, o, department) if department else "负责"
            if not role:
                continue
            candidates += [(occ, shape, role) for occ, shape in occurrences(o, t, as_of, horizon, lookback, events)]
    phase_facts = [(t, p) for t in tables for p in t.phases]
    program = engine.ruleset(compiled.statuses(horizon, lookback))
    groups = [[_fact(i, occ, shape, as_of)] for i, (occ, shape, _) in enumerate(candidates)]
    groups += [[{"id": f"p{i}", KIND: compiled.OCCURRENCE, FIELD + "shape": compiled.PHASE,
                 FIELD + "days_to_due": FAR, FIELD + "days_from_start": (as_of - p.start).days,
                 FIELD + "days_to_end": (p.end - as_of).days}] for i, (_, p) in enumerate(phase_facts)]
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    entries: list[CalendarEntry] = []
    phases: list[PhaseEntry] = []
    for i, matches in enumerate(program.match_groups(groups)):
        if not matches:
            continue
        status = min((m.rule for m in matches), key=rank.__getitem__)  # hit policy “first”
        if i < len(candidates):
            occ, _, role = candidates[i]
            days = (occ.due - as_of).days if occ.due is not None else None
            entries.append(CalendarEntry(occ, status, days, role))
        else:
            t, p = phase_facts[i - len(candidates)]
            phases.append(PhaseEntry(p, t.origin, status))
    entries.sort(key=lambda e: (rank[e.status], e.due or dt.date.max, e.obligation.origin.document, e.obligation.id))
    phases.sort(key=lambda e: (rank[e.status], e.phase.start))
    notes = ()
    if any(e.status == STATUS_ORDER[-1] for e in entries):
        notes = ("“待定”的事项随某个事件而定（如复核开始日），用 --event 事件标识=YYYY-MM-DD 给出日期后即可算出截止日。",)
    return Calendar(as_of, horizon, lookback, tuple(entries), tuple(phases), department,
                    tuple(sorted(events.items())), notes)
