"""Improvement tasks (整改任务): the step that closes the 8字形 spiral — a problem found (a diagnosis point, a review
conclusion, an indicator warning, a deduction) becomes a task with an owner, a deadline, a status and evidence.

For renderers and the results database: a task is plain data; `TaskOrigin` says what it was created from, in the
project's words (kind) and with a stable reference and the original wording it answers to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .common import Source

# What a task can be created from
FROM_DIAGNOSIS, FROM_REVIEW, FROM_INDICATOR, FROM_DEDUCTION = "诊断点", "复核结论", "指标预警", "扣分"
# A task's own status (what people record); the calendar status (逾期…) is computed from the deadline
OPEN, IN_PROGRESS, DONE, CANCELLED = "待办", "进行中", "已完成", "已撤销"
STATUSES = (OPEN, IN_PROGRESS, DONE, CANCELLED)
CLOSED = (DONE, CANCELLED)


@dataclass(frozen=True)
class TaskOrigin:
    kind: str              # FROM_*
    ref: str               # stable reference, e.g. "cz-quality-season:a-exec-2"
    finding: str           # what was found, in Chinese
    text: str = ""         # the original wording (rule, conclusion, diagnosis point) it answers to
    source: Source | None = None


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    owner: str
    deadline: dt.date
    origin: TaskOrigin
    created: dt.date
    status: str = OPEN
    evidence: tuple[str, ...] = ()   # what shows it was done (file names, links, descriptions)
    completed: dt.date | None = None
    note: str = ""

    @property
    def closed(self) -> bool:
        return self.status in CLOSED


@dataclass(frozen=True)
class TaskEntry:
    task: Task
    status: str            # the calendar status decided by the engine: 逾期 / 今天到期 / 即将到期 / 进行中
    days: int              # days until the deadline (negative: overdue by)


@dataclass(frozen=True)
class TaskList:
    as_of: dt.date
    horizon: int
    entries: tuple[TaskEntry, ...]
    closed: tuple[Task, ...] = ()

    def warnings(self) -> tuple[TaskEntry, ...]:
        return tuple(e for e in self.entries if e.status == "逾期")


# What a task event records (field names as stored; renderers say them in Chinese)
REGISTERED = "registered"
CHANGEABLE = ("status", "owner", "deadline", "completed", "evidence", "note")


@dataclass(frozen=True)
class TaskChange:
    field: str             # REGISTERED or one of CHANGEABLE
    old: object = None     # str, ISO date str, list of str (evidence) or None
    new: object = None


@dataclass(frozen=True)
class TaskEvent:
    """One change of a task as the results database keeps it (append-only): the n-th change, when, by whom, why,
    and every field it touched with its old and new value."""
    task_id: str
    number: int
    at: str                # ISO timestamp, UTC
    by: str
    reason: str
    changes: tuple[TaskChange, ...]
