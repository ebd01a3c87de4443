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
from ..numbers import fmt, round_to
from .common import Dated, DocumentMeta, Source
from .outcomes import Awards, Eligibility, Grading, Veto

FactType = Literal["integer", "decimal", "boolean", "text", "decimal-list", "date", "grade"]
TYPE_LABELS = {"integer": "整数", "decimal": "小数", "boolean": "是/否", "text": "文字",
               "decimal-list": "一组小数", "date": "日期", "grade": "等级"}
ADD, DEDUCT = 1, -1  # a rule's effect on its category


@dataclass(frozen=True)
class Rounding:
    """Where a scheme says so: keep `decimals` places, 四舍五入 (half-up) or 去尾 (drop the rest)."""

    decimals: int
    mode: str

    def apply(self, value: Decimal) -> Decimal:
        return round_to(value, self.decimals, self.mode)

    def __str__(self) -> str:
        return f"保留{self.decimals}位小数（{self.mode}）" if self.decimals else f"取整（{self.mode}）"


@dataclass(frozen=True)
class GradeScale:
    """等级赋值表: a panel's grade → the share of an item's points it earns."""

    id: str
    name: str
    grades: tuple[tuple[str, Decimal], ...]   # (grade, value 0…1), best first
    text: str = ""
    source: Source | None = None

    def names(self) -> tuple[str, ...]:
        return tuple(g for g, _ in self.grades)

    def value(self, grade: str) -> Decimal:
        return dict(self.grades)[grade]


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
    scale: str = ""                  # grade: the grade scale it is filled from
    values: tuple[str, ...] = ()     # text: the allowed values (事故等级 一级/二级/三级), empty = any text

    @property
    def choices(self) -> tuple[str, ...]:
        return self.values


@dataclass(frozen=True)
class Measure:
    """汇总指标: a number computed from a subject's records or from its members' results."""

    id: str
    name: str
    function: str                 # count | sum | mean | min | max | share
    records: str = ""             # from the subject's own record list …
    field: str = ""
    members: str = ""             # … or from the results of the subjects of block `members`
    by: str = ""                  # the members' attribute naming their group ("" = every member)
    of: str = ""                  # total | a category id | a member fact or measure
    where: dict | None = None
    rounding: Rounding | None = None
    unit: str = ""
    text: str = ""
    source: Source | None = None
    location: Location | None = None

    @property
    def rollup(self) -> bool:
        return bool(self.members)


@dataclass(frozen=True)
class Band:
    """One band: at_least ≤ value < below (an open end where None)."""

    at_least: Decimal | None
    below: Decimal | None
    amount: Decimal

    def __str__(self) -> str:
        lo, hi = self.at_least, self.below
        if lo is not None and hi is not None:
            return f"{fmt(lo)} ≤ … < {fmt(hi)}"
        if lo is not None:
            return f"≥ {fmt(lo)}"
        return f"< {fmt(hi)}" if hi is not None else "任意值"


@dataclass(frozen=True)
class RankBand:
    up_to: int | None              # ranks ≤ up_to (after the previous band); None = every other rank
    amount: Decimal


@dataclass(frozen=True)
class RankSpec:
    among: str                     # attribute grouping the ranking ("" = the whole block)
    order: str                     # 从高到低 | 从低到高
    ties: str                      # 并列跳号 (1,2,2,4) | 并列不跳号 (1,2,2,3)
    zero_amount: Decimal | None    # subjects whose value is 0 are not ranked and get this (None: 0 is ranked)
    ranks: tuple[RankBand, ...]

    def band_text(self, i: int) -> str:
        lo = (self.ranks[i - 1].up_to or 0) + 1 if i else 1
        hi = self.ranks[i].up_to
        if hi is None:
            return "其余名次"
        return f"第{lo}名" if lo == hi else f"第{lo}～{hi}名"


@dataclass(frozen=True)
class ChangeSpec:
    better: str                    # 升高 | 降低
    step: Decimal
    steps: str                     # 整步 | 按比例
    gain: Decimal
    loss: Decimal
    if_no_previous: str            # 报错 | 不计分


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


RuleMode = Literal["when", "count", "each", "bands", "grade", "rank", "change"]


@dataclass(frozen=True)
class Rule:
    """One scoring clause in machine form, next to its original wording.

    Modes: when (a condition, once), count (a fact's or measure's value × amount), each (every matching record;
    with `by` + `amounts` the record's level picks the amount), bands (the band a value falls in), grade (grade
    value × amount), rank (the rank band of the subject's rank in its group), change (steps against the previous
    period). `effect` says whether the category gains or loses the rule's points."""

    id: str
    text: str
    amount: Dated | None
    mode: RuleMode
    condition: dict | None = None   # `when` on subject facts, or `where` on records
    count_fact: str = ""
    record: str = ""
    unit: str = "次"
    cap: Decimal | None = None
    decision: str = ""
    location: Location | None = None
    category_id: str = ""
    clause_no: int = 0
    effect: int = DEDUCT
    fact: str = ""                  # bands / grade / rank / change: the fact or measure it reads
    by: str = ""                    # each + by: the record field whose value picks the amount
    amounts: tuple[tuple[str, Decimal], ...] = ()
    bands: tuple[Band, ...] = ()
    rank: RankSpec | None = None
    change: ChangeSpec | None = None

    @property
    def reads(self) -> str:
        """The one subject value a bands/grade/rank/change/count rule reads."""
        return self.count_fact or self.fact


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
    """A scored item: score = base + additions − deductions, kept within [floor, points], then rounded if
    declared. A category has clauses or sub-categories (`children`, summed or weighted), not both."""

    id: str
    name: str
    points: Decimal
    blocks: tuple[str, ...]
    clauses: tuple[Clause, ...]
    notes: tuple[Note, ...]
    source: Source | None
    group: str = ""
    decision: str = ""
    method: str = "扣分制"
    base: Decimal = Decimal(0)
    floor: Decimal = Decimal(0)
    weight: Decimal | None = None    # a fraction (60% → 0.6) of this score counted in the level above
    rounding: Rounding | None = None
    children: tuple["Category", ...] = ()

    @property
    def rules(self) -> tuple[Rule, ...]:
        """This category's own rules (not its sub-categories')."""
        return tuple(r for c in self.clauses for r in c.rules)

    def walk(self) -> tuple["Category", ...]:
        """This category and every sub-category below it, depth first."""
        return (self, *(d for c in self.children for d in c.walk()))

    @property
    def all_rules(self) -> tuple[Rule, ...]:
        return tuple(r for c in self.walk() for r in c.rules)


@dataclass(frozen=True)
class Block:
    id: str
    name: str
    subjects: tuple[str, ...]
    text: str = ""
    decision: str = ""
    kind: str = ""                       # 教师、专业… : with no list of names, any subject of the block is scored
    attributes: tuple[FactDef, ...] = ()
    rounding: Rounding | None = None     # of a subject's total (else the scheme's)

    @property
    def open(self) -> bool:
        return not self.subjects

    def attribute(self, aid: str) -> FactDef | None:
        return next((a for a in self.attributes if a.id == aid), None)


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
    award_list: tuple[Awards, ...]
    ranking_scope: str
    ranking_decision: str
    content_hash: str
    raw: dict = field(repr=False, compare=False, default_factory=dict)
    revision: str = ""  # git revision of the file it was read from, set by the repository ("" outside git)
    method: str = "扣分制"
    rounding: Rounding | None = None
    grade_scales: tuple[GradeScale, ...] = ()
    measures: tuple[Measure, ...] = ()
    vetoes: tuple[Veto, ...] = ()
    eligibility: tuple[Eligibility, ...] = ()
    gradings: tuple[Grading, ...] = ()

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def version(self) -> str:
        return self.meta.version

    @property
    def plain_awards(self) -> bool:
        """One award (or none) with fixed counts, open to every subject: what `evaluate.standings` gives."""
        a = self.awards
        return len(self.award_list) <= 1 and not self.eligibility and (
            a is None or (not a.blocks and not a.grades and all(t.share is None for t in a.tiers)))

    def whole_submission_needs(self) -> tuple[str, ...]:
        """The mechanisms that need every subject at once or a pass after scoring (a streaming job cannot
        score them chunk by chunk): their Chinese names, in the order of the 写方案 page."""
        found = [("排名计分", any(r.mode == "rank" for r in self.rules)),
                 ("与上期比较", any(r.mode == "change" for r in self.rules)),
                 ("汇总指标与逐级汇总", bool(self.measures)), ("一票否决", bool(self.vetoes)),
                 ("评优限制", bool(self.eligibility)), ("考核等级", bool(self.gradings)),
                 ("多项评比或按比例的名额", not self.plain_awards)]
        return tuple(name for name, used in found if used)

    @property
    def awards(self) -> Awards | None:
        """The scheme's only (or first) award (schemes with one 评比)."""
        return self.award_list[0] if self.award_list else None

    def block(self, bid: str) -> Block | None:
        return next((b for b in self.blocks if b.id == bid), None)

    @functools.lru_cache(maxsize=None)  # noqa: B019 - schemes live for the process
    def categories_for(self, bid: str) -> tuple[Category, ...]:
        """The first-level categories of a block."""
        return tuple(c for c in self.categories if bid in c.blocks)

    @functools.lru_cache(maxsize=None)  # noqa: B019 - schemes live for the process
    def rules_for(self, bid: str) -> tuple[Rule, ...]:
        return tuple(r for c in self.categories_for(bid) for r in c.all_rules)

    @functools.cached_property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for c in self.categories for r in c.all_rules)

    @functools.cached_property
    def all_categories(self) -> tuple[Category, ...]:
        return tuple(d for c in self.categories for d in c.walk())

    def category(self, cid: str) -> Category | None:
        return next((c for c in self.all_categories if c.id == cid), None)

    def fact(self, fid: str) -> FactDef | None:
        return next((f for f in self.facts if f.id == fid), None)

    def record(self, rid: str) -> RecordDef | None:
        return next((r for r in self.records if r.id == rid), None)

    def parameter(self, pid: str) -> Parameter | None:
        return next((p for p in self.parameters if p.id == pid), None)

    def measure(self, mid: str) -> Measure | None:
        return next((m for m in self.measures if m.id == mid), None)

    def grade_scale(self, sid: str) -> GradeScale | None:
        return next((g for g in self.grade_scales if g.id == sid), None)

    def vetoes_for(self, bid: str) -> tuple[Veto, ...]:
        return tuple(v for v in self.vetoes if not v.blocks or bid in v.blocks)

    def eligibility_for(self, bid: str) -> tuple[Eligibility, ...]:
        return tuple(e for e in self.eligibility if not e.blocks or bid in e.blocks)

    def grading_for(self, bid: str) -> Grading | None:
        return next((g for g in self.gradings if not g.blocks or bid in g.blocks), None)

    def awards_for(self, bid: str) -> tuple[Awards, ...]:
        return tuple(a for a in self.award_list if not a.blocks or bid in a.blocks)

    def rounding_for(self, bid: str) -> Rounding | None:
        b = self.block(bid)
        return (b.rounding if b is not None and b.rounding is not None else None) or self.rounding

    @functools.lru_cache(maxsize=None)  # noqa: B019 - schemes live for the process
    def names_read(self, bid: str) -> frozenset[str]:
        """Every subject-level name (fact, attribute or measure) the block's rules, vetoes and eligibility read."""
        used: set[str] = set()
        for r in self.rules_for(bid):
            if r.reads:
                used.add(r.reads)
            if r.mode == "when" and r.condition:
                used |= fields_used(r.condition)
            if r.rank is not None and r.rank.among:
                used.add(r.rank.among)
        for v in self.vetoes_for(bid):
            used |= fields_used(v.when)
        for e in self.eligibility_for(bid):
            used |= fields_used(e.when or {})
            used |= {x for x in (e.most, e.among) if x}
        return frozenset(used)

    @functools.lru_cache(maxsize=None)  # noqa: B019 - schemes live for the process
    def measures_for(self, bid: str) -> tuple[Measure, ...]:
        """The measures computed for the subjects of a block (the ones it reads)."""
        used = self.names_read(bid)
        return tuple(m for m in self.measures if m.id in used)

    @functools.lru_cache(maxsize=None)  # noqa: B019 - schemes live for the process
    def facts_for(self, bid: str) -> tuple[FactDef, ...]:
        """The facts a subject of this block fills in: read by its rules, vetoes and eligibility, or by a roll-up
        of another block that reads it from this block's members."""
        used = set(self.names_read(bid))
        for m in self.measures:
            if m.rollup and m.members == bid and m.of:
                used.add(m.of)
        return tuple(f for f in self.facts if f.id in used)

    @functools.lru_cache(maxsize=None)  # noqa: B019 - schemes live for the process
    def records_for(self, bid: str) -> tuple[RecordDef, ...]:
        used = {r.record for r in self.rules_for(bid) if r.mode == "each"}
        used |= {m.records for m in self.measures_for(bid) if m.records}
        return tuple(r for r in self.records if r.id in used)

    @functools.cached_property
    def block_order(self) -> tuple[str, ...]:
        """Blocks in scoring order: members before the groups that roll them up (validation refuses cycles)."""
        needs = {b.id: {m.members for m in self.measures_for(b.id) if m.rollup} for b in self.blocks}
        out: list[str] = []

        def visit(bid: str, seen: frozenset[str]) -> None:
            if bid in out or bid in seen:
                return
            for dep in sorted(needs.get(bid, ())):
                visit(dep, seen | {bid})
            out.append(bid)
        for b in self.blocks:
            visit(b.id, frozenset())
        return tuple(out)
