"""The typed model of a scheme. Built once from a validated document (`model.build_scheme`), read by the
compiler, the scorer, the reports and the site generator alike."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from ..conditions import fields_used
from ..errors import Location
from .common import Dated, DocumentMeta, Source

FactType = Literal["integer", "decimal", "boolean", "text", "decimal-list", "date"]
TYPE_LABELS = {"integer": "整数", "decimal": "小数", "boolean": "是/否", "text": "文字",
               "decimal-list": "一组小数", "date": "日期"}


@dataclass(frozen=True)
class Parameter:
    id: str
    name: str
    values: Dated
    unit: str = ""
    text: str = ""
    decision: str = ""
    source: Source | None = None


@dataclass(frozen=True)
class FactDef:
    id: str
    name: str
    type: FactType
    description: str
    unit: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    has_default: bool = False
    default: Any = None
    example: Any = None
    location: Location | None = None


@dataclass(frozen=True)
class DerivedField:
    id: str
    name: str
    function: str
    field: str
    threshold: Any  # a number or {"param": id}
    text: str = ""


@dataclass(frozen=True)
class RecordDef:
    id: str
    name: str
    description: str
    fields: tuple[FactDef, ...]
    derived: tuple[DerivedField, ...] = ()
    unit: str = ""
    decision: str = ""

    def field(self, fid: str) -> FactDef | None:
        return next((f for f in self.fields if f.id == fid), None)


@dataclass(frozen=True)
class Rule:
    """One deduction clause in machine form, next to its original wording."""

    id: str
    text: str
    amount: Dated
    mode: Literal["when", "count", "each"]
    condition: dict | None = None   # `when` on subject facts, or `where` on records
    count_fact: str = ""
    record: str = ""
    unit: str = "次"
    cap: Decimal | None = None
    decision: str = ""
    location: Location | None = None
    category_id: str = ""
    clause_no: int = 0


@dataclass(frozen=True)
class Clause:
    no: int
    text: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Note:
    no: str
    text: str
    applies_to: tuple[str, ...]
    unmatched: str = ""
    location: Location | None = None


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    points: Decimal
    blocks: tuple[str, ...]
    clauses: tuple[Clause, ...]
    notes: tuple[Note, ...]
    source: Source
    group: str = ""
    decision: str = ""

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for c in self.clauses for r in c.rules)


@dataclass(frozen=True)
class Block:
    id: str
    name: str
    subjects: tuple[str, ...]
    text: str = ""
    decision: str = ""


@dataclass(frozen=True)
class AwardTier:
    name: str
    count: int


@dataclass(frozen=True)
class Awards:
    name: str
    text: str
    scope: str
    basis: str
    tie_break: str
    tiers: tuple[AwardTier, ...]
    source: Source
    decision: str = ""


@dataclass(frozen=True, eq=False)  # identity hash: compiled rulesets are cached per loaded scheme
class Scheme:
    meta: DocumentMeta
    full_marks: Decimal
    category_floor: Decimal
    scoring_text: str
    scoring_decision: str
    parameters: tuple[Parameter, ...]
    blocks: tuple[Block, ...]
    facts: tuple[FactDef, ...]
    records: tuple[RecordDef, ...]
    categories: tuple[Category, ...]
    awards: Awards | None
    ranking_scope: str
    ranking_decision: str
    content_hash: str
    raw: dict = field(repr=False, compare=False, default_factory=dict)
    revision: str = ""  # git revision of the file it was read from, set by the repository ("" outside git)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def version(self) -> str:
        return self.meta.version

    def block(self, bid: str) -> Block | None:
        return next((b for b in self.blocks if b.id == bid), None)

    @functools.lru_cache(maxsize=None)  # noqa: B019 - schemes live for the process
    def categories_for(self, bid: str) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if bid in c.blocks)

    @functools.lru_cache(maxsize=None)  # noqa: B019 - schemes live for the process
    def rules_for(self, bid: str) -> tuple[Rule, ...]:
        return tuple(r for c in self.categories_for(bid) for r in c.rules)

    @functools.cached_property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for c in self.categories for r in c.rules)

    def fact(self, fid: str) -> FactDef | None:
        return next((f for f in self.facts if f.id == fid), None)

    def record(self, rid: str) -> RecordDef | None:
        return next((r for r in self.records if r.id == rid), None)

    def parameter(self, pid: str) -> Parameter | None:
        return next((p for p in self.parameters if p.id == pid), None)

    @functools.lru_cache(maxsize=None)  # noqa: B019 - schemes live for the process
    def facts_for(self, bid: str) -> tuple[FactDef, ...]:
        used = {r.count_fact for r in self.rules_for(bid) if r.mode == "count"}
        for r in self.rules_for(bid):
            if r.mode == "when" and r.condition:
                used |= fields_used(r.condition)
        return tuple(f for f in self.facts if f.id in used)

    @functools.lru_cache(maxsize=None)  # noqa: B019 - schemes live for the process
    def records_for(self, bid: str) -> tuple[RecordDef, ...]:
        used = {r.record for r in self.rules_for(bid) if r.mode == "each"}
        return tuple(r for r in self.records if r.id in used)
