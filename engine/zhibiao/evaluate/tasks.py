"""Which open improvement tasks are overdue (预警), due today, due soon or in progress on a day — decided by the same
engine rules as the calendar (compile.calendar), with no look-back limit: an open task stays overdue until closed."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from ..compile import calendar as compiled
from ..compile.conditions import FIELD, KIND
from ..model.operations import STATUS_ORDER
from ..model.tasks import Task, TaskEntry, TaskList
from . import engine

NO_LOOKBACK = 36500  # an open task never drops off the list


def task_list(tasks: Iterable[Task], as_of: dt.date, *, horizon: int = 30, owner: str = "") -> TaskList:
    chosen = [t for t in tasks if not owner or t.owner == owner]
    open_ = [t for t in chosen if not t.closed]
    program = engine.ruleset(compiled.statuses(horizon, NO_LOOKBACK))
    groups = [[{"id": f"t{i}", KIND: compiled.OCCURRENCE, FIELD + "shape": compiled.DATED,
                FIELD + "days_to_due": (t.deadline - as_of).days, FIELD + "days_from_start": (as_of - t.created).days,
                FIELD + "days_to_end": (t.deadline - as_of).days}] for i, t in enumerate(open_)]
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    entries = []
    for t, matches in zip(open_, program.match_groups(groups)):
        if matches:  # a task created after `as_of` matches nothing yet
            status = min((m.rule for m in matches), key=rank.__getitem__)
            entries.append(TaskEntry(t, status, (t.deadline - as_of).days))
    entries.sort(key=lambda e: (rank[e.status], e.task.deadline, e.task.owner, e.task.id))
    return TaskList(as_of, horizon, tuple(entries), tuple(t for t in chosen if t.closed))
