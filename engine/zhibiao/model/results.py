"""What a score is made of: plain data, so text/JSON/CSV/Markdown renderers stay apart from the engine.

A `Result` keeps the scheme object and each subject's checked input beside the numbers, so `explain` can build a
full trace of any subject later without reading or deciding anything again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..errors import Problem
from .scheme import Scheme
from .submission import SubjectInput


@dataclass
class Deduction:
    rule_id: str
    category_id: str
    clause_no: int
    text: str               # the rule's original wording
    condition: str          # the machine form read in Chinese
    quantity: Decimal
    unit: str
    amount: Decimal
    subtotal: Decimal
    evidence: list[dict[str, Any]] = field(default_factory=list)
    capped: Decimal = Decimal(0)  # what the rule's own cap cut off
    link: str = ""  # the rule's row on the handbook site, relative to the site root


@dataclass
class CategoryResult:
    id: str
    name: str
    points: Decimal
    deducted: Decimal       # sum of the deductions
    floor_cut: Decimal      # what the category floor cut off (deducted beyond the points)
    score: Decimal
    deductions: list[Deduction] = field(default_factory=list)


@dataclass
class SubjectResult:
    name: str
    block: str
    total: Decimal
    categories: list[CategoryResult]
    rank: int | None = None
    rank_note: str = ""
    award: str | None = None
    award_note: str = ""
    year_end: Decimal | None = None
    input: SubjectInput | None = field(default=None, repr=False, compare=False)

    def category(self, cid: str) -> CategoryResult:
        return next(c for c in self.categories if c.id == cid)

    @property
    def deductions(self) -> list[Deduction]:
        return [d for c in self.categories for d in c.deductions]


@dataclass
class Result:
    """One scoring job: every subject's result, and what produced it (scheme identity, date, revision)."""

    scheme_id: str
    scheme_title: str
    version: str
    rules_hash: str
    as_of: dt.date
    period: str
    source: str
    year_end_weight: Decimal | None
    subjects: list[SubjectResult]
    awards_note: str = ""
    fired: set[str] = field(default_factory=set)  # rule ids that fired (for rule coverage)
    revision: str = ""  # git revision of the scheme file (empty outside git)
    scheme: Scheme | None = field(default=None, repr=False, compare=False)
    warnings: list[Problem] = field(default_factory=list)

    def subject(self, name: str) -> SubjectResult:
        return next(s for s in self.subjects if s.name == name)

    def find(self, name: str) -> SubjectResult | None:
        return next((s for s in self.subjects if s.name == name), None)


def rule_link(scheme_id: str, rule_id: str) -> str:
    """Where the handbook site shows a rule (its table row carries the rule id as anchor)."""
    return f"schemes/{scheme_id}/#{rule_id}"
