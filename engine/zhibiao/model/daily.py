"""日常考核 (running assessment): the reports a subject received during a period and its running result.

The 002 scheme combines 平时考核 (inspections during the period) with 年终集中考核: every report is kept,
append-only, with what it said and what the subject held after it; the running result is the subject's
accumulated facts and records scored like any submission.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .results import Result

MODES = ("add", "set")  # add: numbers add, records append; set: what is given replaces what is held


@dataclass(frozen=True)
class DailyReport:
    """One report received (a row of the append-only log)."""

    seq: int                    # 1, 2, … within the subject and period
    received_at: str            # ISO 8601, UTC
    received_by: str
    report_id: str | None       # the caller's own number for the report (a retry with it is recognised)
    mode: str                   # add | set
    stage: str                  # 平时考核 | 年终集中考核 (as the caller says)
    content: dict[str, Any]     # {"facts": …, "records": …} as received (numbers exact)
    content_hash: str
    total: Decimal | None       # the running total right after this report (None: facts still missing)


@dataclass(frozen=True)
class RunningState:
    """What a subject holds in a period: the submission header and its accumulated facts and records."""

    scheme: str
    period: str
    subject: str
    header: dict[str, Any]      # college, period {name, start, end}
    block: str
    facts: dict[str, Any]
    records: dict[str, list[Any]]
    seq: int                    # reports received so far
    name: str = ""              # the subject's name when `subject` is its number (id: 工号, 专业代码)
    attributes: dict[str, Any] = field(default_factory=dict)  # an open list's attributes (所属系部…)

    def subject_data(self) -> dict[str, Any]:
        """The subject as a submission lists it: `subject` is its id when a different name was reported."""
        subject: dict[str, Any] = {"name": self.name or self.subject}
        if self.name and self.name != self.subject:
            subject["id"] = self.subject
        subject["block"] = self.block
        if self.attributes:
            subject["attributes"] = dict(self.attributes)
        subject["facts"] = dict(self.facts)
        if self.records:
            subject["records"] = {k: list(v) for k, v in self.records.items()}
        return subject

    def submission(self) -> dict[str, Any]:
        """The accumulated submission (one subject) that is scored."""
        return {"kind": "submission", "scheme": self.scheme, **self.header, "subjects": [self.subject_data()]}


@dataclass(frozen=True)
class RunningResult:
    state: RunningState
    result: Result | None       # None while facts without a default are still missing (see `pending`)
    report: DailyReport | None  # the report just received (None when only read)
    created: bool = True        # False: a retry of a report already received (nothing changed)
    pending: tuple[Any, ...] = ()  # Problems (warnings): the facts still missing before it can be scored

    @property
    def complete(self) -> bool:
        return self.result is not None


@dataclass(frozen=True)
class PeriodStandings:
    """A whole period of 日常考核 scored together: every subject's stored state in one submission, so ranks,
    grades and awards are those `api.score` gives. Subjects still missing facts without a default are left out
    of the scoring and listed in `incomplete` with what they miss."""

    scheme: str
    period: str
    states: tuple[RunningState, ...]            # every subject that received a report, in the order it first did
    result: Result | None                       # the complete subjects scored together (None: none is complete)
    incomplete: tuple[tuple[RunningState, tuple[Any, ...]], ...] = ()  # (state, the facts it misses: warnings)
