"""Stored scoring runs and what is read back from them: history of a subject, the comparison of two periods.

Plain data, like `results.py`: the results database (`zhibiao.store`) produces it, the renderers (tables,
xlsx, HTML, the site's 考核结果 pages) and the library's callers read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .results import Result


@dataclass(frozen=True)
class RunInfo:
    """One stored scoring run: who scored what, when, under which rules."""

    id: int
    created_at: str            # ISO 8601, UTC
    created_by: str
    scheme_id: str
    scheme_title: str
    version: str
    rules_hash: str
    revision: str              # git revision of the scheme file ("" outside git)
    period: str                # the period's short key, e.g. "2009" (compare 2009 2010)
    period_name: str
    period_start: dt.date
    period_end: dt.date
    as_of: dt.date
    year_end_weight: Decimal | None
    submission_hash: str       # sha256 of the checked facts: the same facts in YAML, JSON or Excel hash alike
    source: str
    subjects: int
    tool_version: str = ""

    @property
    def label(self) -> str:
        return f"#{self.id}（{self.period}，{self.scheme_id} {self.version}）"


@dataclass
class StoredRun:
    info: RunInfo
    result: Result
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # subject → facts as scored (plain values)


@dataclass(frozen=True)
class PublishedRun:
    """A period's results as the handbook site shows them: the latest stored run of the period, or a results file."""

    period: str                # the period's short key, e.g. "2009" (the site's page name)
    result: Result
    origin: str                # where it came from: “结果库第 3 次评分” or the file's name
    run: RunInfo | None = None  # the stored run (None for a results file)

    @property
    def start(self) -> dt.date:
        return self.run.period_start if self.run is not None else self.result.period_start or self.result.as_of


@dataclass(frozen=True)
class SaveOutcome:
    run: RunInfo
    created: bool              # False: the same facts under the same rules and date were already stored


@dataclass(frozen=True)
class HistoryPoint:
    """A subject in one stored run."""

    run: RunInfo
    subject: str
    block: str
    total: Decimal
    rank: int | None
    award: str | None
    categories: tuple[tuple[str, str, Decimal], ...]   # (id, name, score)
    deductions: int


@dataclass(frozen=True)
class FactChange:
    fact: str
    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RuleChange:
    """One rule's deduction for one subject in two runs, and why it differs."""

    rule_id: str
    category_id: str
    text: str
    old_quantity: Decimal
    new_quantity: Decimal
    old_amount: Decimal | None
    new_amount: Decimal | None
    old_subtotal: Decimal
    new_subtotal: Decimal
    reasons: tuple[str, ...]

    @property
    def effect(self) -> Decimal:
        """What the change did to the score: a larger deduction lowers it."""
        return self.old_subtotal - self.new_subtotal


@dataclass(frozen=True)
class SubjectChange:
    subject: str
    block: str
    old_total: Decimal | None
    new_total: Decimal | None
    old_rank: int | None
    new_rank: int | None
    categories: tuple[tuple[str, str, Decimal | None, Decimal | None], ...]  # (id, name, old, new) that changed
    rules: tuple[RuleChange, ...]
    facts: tuple[FactChange, ...]

    @property
    def delta(self) -> Decimal | None:
        if self.old_total is None or self.new_total is None:
            return None
        return self.new_total - self.old_total


@dataclass(frozen=True)
class RuleSummary:
    """One rule over all subjects of two runs."""

    rule_id: str
    text: str
    old_subjects: int
    new_subjects: int
    old_total: Decimal
    new_total: Decimal


@dataclass(frozen=True)
class Comparison:
    old: RunInfo
    new: RunInfo
    subjects: tuple[SubjectChange, ...]       # every subject of either run, changed or not
    rules: tuple[RuleSummary, ...]            # rules that deducted in either run
    rules_changed: bool                       # the rules hash differs (another scheme version)

    def subject(self, name: str) -> SubjectChange:
        return next(s for s in self.subjects if s.subject == name)
