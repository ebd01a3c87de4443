"""A facts submission as the scorer reads it: per subject, checked and typed facts and records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import Problem

Pointer = tuple[str | int, ...]


@dataclass
class SubjectInput:
    name: str
    block: str
    facts: dict[str, Any]
    records: dict[str, list[dict[str, Any]]]
    pointer: Pointer = ()
    supplied: frozenset[str] = frozenset()  # facts the subject gave (others came from defaults)
    key: str = ""                           # its number (工号, 专业代码) when given; else its name identifies it
    attributes: dict[str, Any] = field(default_factory=dict)
    previous: dict[str, Any] = field(default_factory=dict)   # last period's values (与上期比较)
    previous_from: dict[str, "PreviousRun"] = field(default_factory=dict)  # fact → the stored run it was read from

    @property
    def ident(self) -> str:
        return self.key or self.name


@dataclass
class Submission:
    path: str
    scheme_id: str
    version: str | None
    period_name: str
    start: dt.date
    end: dt.date
    college: str
    subjects: list[SubjectInput] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # e.g. subjects of a block's list not submitted

    def subject(self, name: str) -> SubjectInput | None:
        return next((s for s in self.subjects if s.name == name), None)


@dataclass(frozen=True)
class PreviousRun:
    """The stored scoring run a previous-period value was read from (what the trace cites)."""

    id: int
    period: str              # its period key, e.g. "2023"
    period_name: str
    start: dt.date
    end: dt.date
    created_at: str          # ISO 8601, UTC
    created_by: str
    version: str             # the scheme version it was scored under

    @property
    def label(self) -> str:
        return f"结果库第 {self.id} 次评分，{self.period_name or self.period}"

    @property
    def citation(self) -> str:
        """Where the value comes from, in full: run, period, scheme version, when and by whom it was saved."""
        return f"{self.label}（{self.start}～{self.end}），方案版本 {self.version}，{self.created_at} 由 {self.created_by} 保存"


class PreviousSource(Protocol):
    """Where last period's values come from when the submission does not give them (the results database).

    `find` answers for one subject: the run of the previous period that was consulted (None when no period of
    the scheme ended before `before`) and the subject's facts as scored in it (None when that period did not
    score the subject). `where` names the source for people (the database's address)."""

    where: str

    def find(self, scheme_id: str, version: str, before: dt.date, key: str, name: str,
             ) -> tuple[PreviousRun | None, dict[str, Any] | None]: ...
