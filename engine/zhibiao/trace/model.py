"""What a trace is made of."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from ..model.submission import PreviousRun

PREVIOUS = "previous."   # the fact id prefix of a previous-period value in a change rule's trace

Status = Literal["applied", "not-applied", "not-in-force"]


@dataclass(frozen=True)
class FactRead:
    fact: str
    name: str
    value: Any
    origin: str  # 填报 (submitted) or 默认值 (the scheme's default); for a previous value, where it came from
    run: PreviousRun | None = None  # a previous value read from the results database: the run it came from


@dataclass(frozen=True)
class RecordRead:
    record: str
    index: int                 # position in the submitted list (0-based)
    row: dict[str, Any]        # the fields, plus for sequence conditions the positions the engine joined


@dataclass(frozen=True)
class RuleTrace:
    rule_id: str
    clause_no: int
    text: str                  # the clause's original wording
    condition: str             # its machine form, read in Chinese
    status: Status
    facts: tuple[FactRead, ...] = ()        # subject facts the rule read
    records: tuple[RecordRead, ...] = ()    # rows the engine matched (each-rules)
    records_read: int = 0                   # rows the rule looked at
    quantity: Decimal = Decimal(0)
    unit: str = ""
    amount: Decimal = Decimal(0)
    gross: Decimal = Decimal(0)             # quantity × amount
    cap: Decimal | None = None
    capped: Decimal = Decimal(0)            # what the rule's cap cut off
    subtotal: Decimal = Decimal(0)          # what it deducted (or added)
    link: str = ""                          # the rule's row on the handbook site
    effect: int = -1                        # −1 deducts, +1 adds
    detail: str = ""                        # the band, grade, rank or change that chose the amount
    breakdown: tuple[tuple[str, Decimal, Decimal], ...] = ()   # (level, count, amount) for levelled records


@dataclass(frozen=True)
class CategoryTrace:
    id: str
    name: str
    points: Decimal
    deducted: Decimal
    floor: Decimal
    floor_cut: Decimal
    score: Decimal
    rules: tuple[RuleTrace, ...]
    clauses: tuple[tuple[int, str], ...]    # (number, original wording) of each clause, in order
    notes: tuple[tuple[str, str], ...]      # (number, text) of each note
    depth: int = 0                          # 0 for a first-level category, 1 for its sub-categories…
    method: str = "扣分制"
    added: Decimal = Decimal(0)
    base: Decimal | None = None
    cap_cut: Decimal = Decimal(0)
    rounded_from: Decimal | None = None
    weight: Decimal | None = None


@dataclass(frozen=True)
class Trace:
    subject: str
    block: str
    scheme_id: str
    version: str
    rules_hash: str
    as_of: dt.date
    categories: tuple[CategoryTrace, ...]
    total: Decimal
    rank: int | None
    rank_note: str
    award: str | None
    award_note: str
    points: Decimal | None = None           # the total by the points, before a veto set it
    rounded_from: Decimal | None = None
    grade: str | None = None
    grade_by_score: str | None = None
    outcomes: tuple[str, ...] = ()          # vetoes and eligibility limits, each as one sentence
    measures: tuple[tuple[str, str, Decimal, str], ...] = ()   # (id, name, value, how it was computed)
