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
    effect: int = -1        # −1: deducted from its category; +1: added to it
    detail: str = ""        # how the amount was chosen: the band, the grade, the rank, the steps of change
    breakdown: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)  # (level, count, amount) per level

    @property
    def gross(self) -> Decimal:
        return self.subtotal + self.capped

    @property
    def signed(self) -> Decimal:
        return self.effect * self.subtotal


@dataclass
class CategoryResult:
    id: str
    name: str
    points: Decimal
    deducted: Decimal       # sum of the deductions
    floor_cut: Decimal      # what the category floor cut off (deducted beyond the points)
    score: Decimal
    deductions: list[Deduction] = field(default_factory=list)
    added: Decimal = Decimal(0)        # sum of the additions
    base: Decimal | None = None        # where the score started (None: its points, as in 扣分制)
    cap_cut: Decimal = Decimal(0)      # what exceeded the points and was cut off
    rounded_from: Decimal | None = None  # the score before the declared rounding, when rounding changed it
    weight: Decimal | None = None      # share counted in the level above (60% → 0.6)
    children: list["CategoryResult"] = field(default_factory=list)

    def walk(self) -> list["CategoryResult"]:
        return [self, *(d for c in self.children for d in c.walk())]

    @property
    def contribution(self) -> Decimal:
        """What this category adds to the level above."""
        return self.score * self.weight if self.weight is not None else self.score


@dataclass
class MeasureValue:
    """A measure's value for one subject, and what it was computed from."""

    id: str
    name: str
    value: Decimal
    detail: str = ""                         # e.g. “357.3 ÷ 4 = 89.325，保留两位小数 → 89.33”
    members: list[tuple[str, Any]] = field(default_factory=list)   # (member, the value it gave) for roll-ups
    unrounded: Decimal | None = None


@dataclass
class Outcome:
    """A veto or an eligibility limit that applied to a subject, with why."""

    id: str
    name: str
    text: str
    detail: str = ""
    score: Decimal | None = None       # veto: the total it set
    grade: str = ""                    # veto: the grade it set; eligibility: the highest grade allowed
    awards: tuple[str, ...] = ()       # eligibility: the awards it excludes from (() with no grade cap: all)
    award_names: tuple[str, ...] = ()


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
    key: str = ""                          # the subject's number when it gave one
    points: Decimal | None = None          # the total by the points, before any veto (None: same as total)
    rounded_from: Decimal | None = None    # the total before the declared rounding, when rounding changed it
    grade: str | None = None
    grade_by_score: str | None = None
    vetoes: list[Outcome] = field(default_factory=list)
    limits: list[Outcome] = field(default_factory=list)    # eligibility limits that applied
    measures: dict[str, MeasureValue] = field(default_factory=dict)
    ranks: dict[str, tuple[int | None, str]] = field(default_factory=dict)  # rank rule → (rank, note)
    outcome_keys: frozenset[str] = field(default=frozenset(), repr=False, compare=False)  # `veto:…`/`elig:…` the engine found

    def all_categories(self) -> list[CategoryResult]:
        return [d for c in self.categories for d in c.walk()]

    def category(self, cid: str) -> CategoryResult:
        return next(c for c in self.all_categories() if c.id == cid)

    @property
    def deductions(self) -> list[Deduction]:
        return [d for c in self.all_categories() for d in c.deductions]

    @property
    def vetoed(self) -> bool:
        return bool(self.vetoes)

    def excluded_from(self, award_id: str) -> list[Outcome]:
        """The vetoes and limits that keep this subject out of an award."""
        return [o for o in self.vetoes] + [o for o in self.limits
                                          if award_id in o.awards or (not o.awards and not o.grade)]


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
    period_start: dt.date | None = None  # the submission's period (the results database keys runs by it)
    period_end: dt.date | None = None
    college: str = ""

    def subject(self, name: str) -> SubjectResult:
        return next(s for s in self.subjects if s.name == name)

    def find(self, name: str) -> SubjectResult | None:
        return next((s for s in self.subjects if s.name == name), None)


def rule_link(scheme_id: str, rule_id: str) -> str:
    """Where the handbook site shows a rule (its table row carries the rule id as anchor)."""
    return f"schemes/{scheme_id}/#{rule_id}"
