"""What a score is made of: plain data, so text/JSON/CSV/Markdown renderers stay apart from the engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any


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

    def category(self, cid: str) -> CategoryResult:
        return next(c for c in self.categories if c.id == cid)

    @property
    def deductions(self) -> list[Deduction]:
        return [d for c in self.categories for d in c.deductions]


@dataclass
class Run:
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
    fired: set[str] = field(default_factory=set)
    revision: str = ""  # git revision of the scheme file (empty outside git)  # rule ids that fired (for rule coverage)

    def subject(self, name: str) -> SubjectResult:
        return next(s for s in self.subjects if s.name == name)


def rule_link(scheme_id: str, rule_id: str) -> str:
    """Where the handbook site shows a rule (its table row carries the rule id as anchor)."""
    return f"schemes/{scheme_id}/#{rule_id}"


def to_plain(obj: Any) -> Any:
    """JSON-ready data: Decimals as exact strings, dates as ISO text."""
    if isinstance(obj, (Run, SubjectResult, CategoryResult, Deduction)):
        data = asdict(obj)
        data.pop("fired", None)
        return to_plain(data)
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set)):
        return [to_plain(v) for v in obj]
    if isinstance(obj, Decimal):
        return fmt(obj)
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def fmt(d: Decimal) -> str:
    """0.70 → '0.7', 10.0 → '10': exact, without trailing zeros or exponent."""
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")
