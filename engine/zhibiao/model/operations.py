"""The operations layer (运行层) as one typed model: who belongs to which institution and tier, each source's
timetable (phases, recurring or dated obligations, work items, forms, checklists), the declared list of review
elements, a college's overlay on a provincial document, and the calendar computed from all of them.

For renderers (the site, reports): every item that can come from an overlay carries an `Origin` — the
institution, its tier (国家/省/校) and the document it was written in — so a page can say, for each element or
obligation, where it comes from. Dates are `datetime.date`; a schedule is kept as written (`Schedule`) and
expanded into `Occurrence`s only by `evaluate.calendar`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .common import DocumentMeta, Source

Notes = tuple[str, ...]

# Schedules (schemas/timetable.schema.json, schedule.repeat)
YEARLY, TERMLY, MONTHLY, ONCE, ONGOING, ON_EVENT = "每年", "每学期", "每月", "一次", "常态化", "随事件"


# ------------------------------------------------------------------ institutions


@dataclass(frozen=True)
class Institution:
    id: str
    name: str
    tier: str                       # 国家 / 省 / 校
    text: str
    source: Source
    short_name: str = ""
    province: str = ""
    parent: str = ""                # id of the education authority above it
    documents: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def label(self) -> str:
        """“贵州轻工职业技术学院（校）”."""
        return f"{self.name}（{self.tier}）"


@dataclass(frozen=True)
class Institutions:
    meta: DocumentMeta
    institutions: tuple[Institution, ...]
    decision: Notes = ()

    def get(self, ident: str) -> Institution | None:
        return next((i for i in self.institutions if i.id == ident), None)

    def chain(self, ident: str) -> tuple[Institution, ...]:
        """The institution and the authorities above it, nearest first (校 → 省 → 国家)."""
        out: list[Institution] = []
        inst = self.get(ident)
        while inst is not None and inst not in out:
            out.append(inst)
            inst = self.get(inst.parent) if inst.parent else None
        return tuple(out)


@dataclass(frozen=True)
class Origin:
    """Where an item comes from: the institution (with its tier) and the document it is written in."""

    institution: str
    institution_name: str
    tier: str
    document: str                  # document id
    path: str                      # repository-relative YAML path

    @property
    def label(self) -> str:
        """“广东省教育厅（省）· gd-diagnosis-elements”."""
        return f"{self.institution_name}（{self.tier}）· {self.document}"


# ------------------------------------------------------------------ timetables


@dataclass(frozen=True)
class Schedule:
    repeat: str
    text: str
    times: int | None = None
    every: int = 1
    anchor: int | None = None
    due: str = ""                  # as written: "12-31", "月末", "学期末", "2009-11-06"
    start: str = ""
    from_date: dt.date | None = None
    until: dt.date | None = None
    event: str = ""
    offset_days: int = 0
    offset_months: int = 0
    decision: Notes = ()

    @property
    def dated(self) -> bool:
        return bool(self.due) or self.repeat == ON_EVENT


@dataclass(frozen=True)
class Evidence:
    name: str
    submit_to: tuple[str, ...] = ()
    form: str = ""
    copies: str = ""
    where: str = ""
    text: str = ""


@dataclass(frozen=True)
class Obligation:
    id: str
    name: str
    text: str
    source: Source
    responsible: tuple[str, ...]
    schedule: Schedule
    origin: Origin
    participants: tuple[str, ...] = ()
    level: str = ""
    system: str = ""
    phase: str = ""
    work_item: str = ""
    evidence: tuple[Evidence, ...] = ()
    after: tuple[str, ...] = ()
    checklist: str = ""
    rules: tuple[str, ...] = ()    # "scheme-id:rule-id"
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def recipients(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for e in self.evidence for n in e.submit_to))


@dataclass(frozen=True)
class Phase:
    id: str
    order: int
    name: str
    period_text: str
    start: dt.date
    end: dt.date
    text: str
    source: Source
    decision: Notes = ()
    uncertain: Notes = ()


@dataclass(frozen=True)
class WorkItem:
    id: str
    order: int
    name: str
    text: str = ""


@dataclass(frozen=True)
class WorkItems:
    id: str
    level: str
    name: str
    count: int
    text: str
    source: Source
    items: tuple[WorkItem, ...]
    performer_text: str = ""


@dataclass(frozen=True)
class Form:
    id: str
    number: str
    name: str
    columns: tuple[str, ...]
    text: str
    source: Source
    header_fields: tuple[str, ...] = ()
    sample_rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Checklist:
    id: str
    name: str
    items: tuple[str, ...]
    text: str
    source: Source
    count: int | None = None


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    text: str
    source: Source
    decision: Notes = ()


@dataclass(frozen=True)
class Group:
    name: str
    members: tuple[str, ...]
    text: str = ""


@dataclass(frozen=True)
class Body:
    name: str
    text: str
    source: Source
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Timetable:
    meta: DocumentMeta
    institution: str
    origin: Origin
    text: str
    period: tuple[dt.date, dt.date] | None
    period_text: str
    phases: tuple[Phase, ...]
    obligations: tuple[Obligation, ...]
    work_items: tuple[WorkItems, ...] = ()
    forms: tuple[Form, ...] = ()
    checklists: tuple[Checklist, ...] = ()
    events: tuple[Event, ...] = ()
    groups: tuple[Group, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()   # (name as written, canonical name)
    bodies: tuple[Body, ...] = ()
    semester_ends: tuple[str, ...] = ()          # "MM-DD", from the parameter semester_ends
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def id(self) -> str:
        return self.meta.id

    def obligation(self, ident: str) -> Obligation | None:
        return next((o for o in self.obligations if o.id == ident), None)

    def event(self, ident: str) -> Event | None:
        return next((e for e in self.events if e.id == ident), None)

    def canonical(self, name: str) -> str:
        """The name a written name stands for (aliases of bodies and departments followed)."""
        alias = dict(self.aliases)
        for body in self.bodies:
            if name in body.aliases:
                return body.name
        return alias.get(name, name)

    def members(self, name: str) -> frozenset[str]:
        """Everyone `name` covers: itself (canonical), and for a group every member, recursively."""
        groups = {g.name: g for g in self.groups}
        out: set[str] = set()
        todo = [name]
        while todo:
            n = todo.pop()
            c = self.canonical(n)
            if c in out:
                continue
            out |= {n, c}
            if c in groups:
                todo += list(groups[c].members)
            elif n in groups:
                todo += list(groups[n].members)
        return frozenset(out)


# ------------------------------------------------------------------ review elements and overlays


@dataclass(frozen=True)
class Element:
    id: str
    order: int
    name: str
    item: str
    source: Source
    origin: Origin
    required: bool = True
    table_code: str = ""
    aliases: tuple[str, ...] = ()
    text: str = ""
    decision: Notes = ()
    uncertain: Notes = ()


@dataclass(frozen=True)
class ElementList:
    """A declared list of diagnosis elements; for an overlay, the resolved list (base items, then additions)."""

    meta: DocumentMeta
    institution: str
    elements: tuple[Element, ...]
    count: int
    count_text: str = ""
    count_source: Source | None = None
    table: str = ""
    base: str = ""                  # for a resolved overlay: the id of the base list
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.elements)

    def find(self, name: str) -> Element | None:
        return next((e for e in self.elements if name == e.name or name in e.aliases), None)


# ------------------------------------------------------------------ the calendar


@dataclass(frozen=True)
class Occurrence:
    """One dated instance of an obligation: the period it belongs to, when work may start, when it is due."""

    obligation: Obligation
    period_start: dt.date | None
    period_end: dt.date | None
    start: dt.date | None
    due: dt.date | None


@dataclass(frozen=True)
class CalendarEntry:
    occurrence: Occurrence
    status: str                     # one of STATUS_ORDER
    days: int | None                # days until due (negative: overdue by)
    role: str = "负责"              # for a department view: 负责 (responsible) or 接收 (receives evidence)
    note: str = ""

    @property
    def obligation(self) -> Obligation:
        return self.occurrence.obligation

    @property
    def due(self) -> dt.date | None:
        return self.occurrence.due

    @property
    def when(self) -> str:
        """“明天到期”“16 天后到期”“逾期 3 天”……"""
        if self.days is None:
            return ""
        if self.days == 0:
            return "今天到期"
        if self.days == 1:
            return "明天到期"
        if self.days > 0:
            return f"{self.days} 天后到期"
        return f"已逾期 {-self.days} 天"


@dataclass(frozen=True)
class PhaseEntry:
    phase: Phase
    origin: Origin
    status: str                     # 进行中 / 即将开始


@dataclass(frozen=True)
class Calendar:
    as_of: dt.date
    horizon: int                    # days ahead counted as 即将到期
    lookback: int                   # days back an overdue item stays listed
    entries: tuple[CalendarEntry, ...]
    phases: tuple[PhaseEntry, ...] = ()
    department: str = ""
    events: tuple[tuple[str, dt.date], ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def entry(self, obligation_id: str) -> CalendarEntry | None:
        return next((e for e in self.entries if e.obligation.id == obligation_id), None)

    def warnings(self) -> tuple[CalendarEntry, ...]:
        """预警: what is overdue."""
        return tuple(e for e in self.entries if e.status == OVERDUE)


# Statuses of a calendar entry (decided by the engine, compile.calendar), most urgent first.
OVERDUE, DUE_TODAY, DUE_SOON, IN_PROGRESS = "逾期", "今天到期", "即将到期", "进行中"
STARTING_SOON, UNDATED, PENDING = "即将开始", "未定日期", "待定"
STATUS_ORDER = (OVERDUE, DUE_TODAY, DUE_SOON, IN_PROGRESS, STARTING_SOON, UNDATED, PENDING)


@dataclass(frozen=True)
class SamplingPlan:
    """004's sampling for one year: the three-year period it falls in, the fewest colleges to review in that period
    (“不少于总数的1/4”, rounded up), and when next year's list must be published."""

    year: int
    colleges: int
    period: tuple[int, int]
    minimum: int
    fraction: str
    first_round_year: int | None
    list_deadline: dt.date | None   # the list of `year`'s colleges: by 12-31 of the year before (from the first round on)
    text: str
    list_text: str
    source: Source
    notes: tuple[str, ...] = ()
