"""A facts submission as the scorer reads it: per subject, checked and typed facts and records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

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
