"""Each scoring mechanism's bound: how many points one rule can move, over every submission the scheme allows.

A rule's bound is what it can deduct (or add) before its own cap, over the declared ranges of the facts, record
fields, block attributes and measures it reads, on one date (amounts and parameters change on dates). Each scoring
method of the scheme language has one bound function here; the composition of rules into categories, sections and
totals is `bounds.py`.

How to add a mechanism (when the language gains one):
1. write `def _xxx(rule: dict, ctx: Context, amount: Decimal | None) -> Reach` below: the quantity it can take
   (an `Interval` ≥ 0, from the domains of what it reads — `ctx.fact_domain`, `ctx.record_domain(id)`), times
   its amount(s); set `never` when it can never apply and `unbounded_by` (a Chinese name) when nothing declared
   bounds it; a rule that can both add and deduct gives what it can add as `gain`;
2. register it in `MECHANISMS` with the test that recognises its rules (the YAML key that names the mechanism);
3. add a broken fixture per way its bound can go wrong to tests/check/ (the message is `messages/checkup.py`).
A rule no registered mechanism recognises is reported (`checkup.mechanism-unknown`, a located warning) and
counted as unbounded, so the bounds stay true (only the category's floor and points then limit it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any, Callable, Iterator

from ...limits import DEFAULT
from ...load import Pointer
from .domains import Box, Domain, Num, Values, boxes, field_domain, implies
from .interval import INF, ZERO, Interval

DEDUCT_METHOD = "扣分制"


def _date(v: Any) -> dt.date:
    return dt.date.fromisoformat(str(v))


def dec(v: Any) -> Decimal:
    """A number or a percentage (“60%” → 0.6) of the scheme."""
    if isinstance(v, str) and v.strip().endswith("%"):
        return Decimal(v.strip().rstrip("%")) / 100
    return Decimal(str(v))


def dated_values(raw: Any, start: dt.date) -> list[tuple[dt.date, Decimal | None]]:
    """`5` or `[{from, value}, …]` as (from, value) pairs."""
    if isinstance(raw, list):
        return [(_date(v["from"]), None if v.get("value") is None else Decimal(str(v["value"]))) for v in raw]
    return [(start, None if raw is None else Decimal(str(raw)))]


def value_at(pairs: list[tuple[dt.date, Decimal | None]], when: dt.date) -> tuple[bool, Decimal | None]:
    """(in force on `when`, value)."""
    chosen = [v for start, v in pairs if start <= when]
    return (bool(chosen), chosen[-1] if chosen else None)


# ---------------------------------------------------------------------------------------------- the scheme's tree
@dataclass(frozen=True)
class CategoryAt:
    """A category where it stands in the scheme: its pointer, its blocks (inherited by sub-categories) and method."""

    data: dict
    pointer: Pointer
    blocks: tuple[str, ...]
    method: str
    parent: str = ""


def categories(data: dict) -> Iterator[CategoryAt]:
    """Every category, sub-categories included (depth first, parents before their children)."""
    scheme_method = (data.get("scoring") or {}).get("method", DEDUCT_METHOD)

    def walk(cats: list, ptr: Pointer, blocks: tuple[str, ...] | None, parent: str) -> Iterator[CategoryAt]:
        for i, c in enumerate(cats):
            own = tuple(c.get("blocks") or ()) if blocks is None else blocks
            yield CategoryAt(c, ptr + (i,), own, c.get("method", scheme_method), parent)
            yield from walk(c.get("categories") or [], ptr + (i, "categories"), own, c["id"])
    yield from walk(data.get("categories") or [], ("categories",), None, "")


def rules(data: dict) -> Iterator[tuple[Pointer, CategoryAt, dict, dict]]:
    """(pointer, category, clause, rule) for every rule of every category."""
    for cat in categories(data):
        for ki, k in enumerate(cat.data.get("clauses") or []):
            for ri, r in enumerate(k.get("rules") or []):
                yield cat.pointer + ("clauses", ki, "rules", ri), cat, k, r


def adds(rule: dict, method: str) -> bool:
    """Whether a rule adds points (加分) rather than deducting them: its `effect`, else its category's method."""
    effect = rule.get("effect")
    if effect in ("扣分", "加分"):
        return effect == "加分"
    return method != DEDUCT_METHOD


# ---------------------------------------------------------------------------------------------- one date, one block
class Context:
    """One scheme on one date for one block: the declared facts, records, attributes, measures and parameters,
    and the values in force. `measures` are the domains of the measures known so far (roll-ups of other blocks
    are known once those blocks are bounded)."""

    def __init__(self, data: dict, when: dt.date, block: str | None = None,
                 measures: dict[str, Num | Values] | None = None) -> None:
        self.data = data
        self.when = when
        self.block = block
        self.start = _date(data["effective"])
        self.facts = {f["id"]: f for f in data.get("facts", [])}
        self.records = {r["id"]: r for r in data.get("records", [])}
        self.params = {p["id"]: p for p in data.get("parameters", [])}
        self.measures = {m["id"]: m for m in data.get("measures", []) if isinstance(m, dict) and "id" in m}
        self.scales = {g["id"]: g for g in data.get("grade_scales", []) if isinstance(g, dict) and "id" in g}
        attributes = [a for b in data.get("blocks", []) if block is None or b.get("id") == block
                      for a in b.get("attributes", []) or []]
        self.names = {k: f.get("name", k) for k, f in self.facts.items()} | \
                     {a["id"]: a.get("name", a["id"]) for a in attributes} | \
                     {k: m.get("name", k) for k, m in self.measures.items()}
        domain: dict[str, Num | Values] = {a["id"]: d for a in attributes if (d := field_domain(a)) is not None}
        domain |= {k: d for k, d in (measures or {}).items() if d is not None}
        domain |= {k: d for k, f in self.facts.items() if (d := field_domain(f)) is not None}
        self.fact_domain: Domain = domain

    def resolve(self, name: str) -> Any:
        """A parameter's value on this date (KeyError: undeclared or without a value then — not analysed)."""
        p = self.params[name]
        ok, v = value_at(dated_values(p["values"], self.start), self.when)
        if not ok or v is None:
            raise KeyError(name)
        return v

    def amount(self, raw: Any) -> Decimal | None:
        """An amount on this date; None when the rule is not in force yet."""
        ok, v = value_at(dated_values(raw, self.start), self.when)
        return v if ok else None

    def record_domain(self, rid: str) -> Domain:
        rec = self.records.get(rid, {})
        out: dict[str, Any] = {f["id"]: d for f in rec.get("fields", []) if (d := field_domain(f)) is not None}
        for x in rec.get("derived", []):  # counts of list positions: 0 … the longest list accepted
            out[x["id"]] = Num(Decimal(0), False, Decimal(DEFAULT.list_items), False, True)
        return out

    def name(self, ident: str) -> str:
        return self.names.get(ident, ident)


def interval_of(d: Any) -> Interval:
    """The numeric range of a domain (unbounded when it is not a number with declared ends)."""
    if isinstance(d, Num):
        return Interval(d.lo, d.hi)
    return Interval(-INF, INF)


def as_num(i: Interval, integer: bool = False) -> Num:
    return Num(i.lo, False, i.hi, False, integer).tight() if integer else Num(i.lo, False, i.hi, False)


def _of_many(function: str, each: Interval, integer: bool = False) -> Num | None:
    """What an aggregate over any number of values within `each` can be."""
    if function in ("mean", "avg", "min", "max"):
        return as_num(each)
    if function == "sum":
        lo = ZERO if each.lo >= 0 else -INF
        hi = ZERO if each.hi <= 0 else INF
        return as_num(Interval(lo, hi), integer)
    if function == "count":
        return Num(ZERO, False, INF, False, True)
    if function == "share":
        return Num(ZERO, False, Decimal(100), False)
    return None


def measure_domain(m: dict, data: dict, totals: dict[str, Interval]) -> Num | None:
    """A measure's range: over a subject's records (count, sum, …) or over the results of another block's members
    (`totals`: the block totals bounded so far). None when nothing bounds it (it is then treated as unranged)."""
    function = m.get("function", "")
    if m.get("records"):
        rec = next((r for r in data.get("records", []) if r.get("id") == m["records"]), {})
        f = next((x for x in rec.get("fields", []) if x.get("id") == m.get("field")), None)
        each = interval_of(field_domain(f)) if f else Interval(-INF, INF)
        found = _of_many(function, each, bool(f and f.get("type") == "integer"))
    elif m.get("members"):
        of = m.get("of", "")
        if of == "total":
            if m["members"] not in totals:
                return None
            each = totals[m["members"]]
        else:
            f = next((x for x in data.get("facts", []) if x.get("id") == of), None)
            each = interval_of(field_domain(f)) if f else Interval(-INF, INF)
        found = _of_many(function, each)
    else:
        return None
    if found is not None and m.get("rounding"):
        r = m["rounding"]
        i = Interval(found.lo, found.hi).rounded(int(r.get("decimals", 0)), r.get("mode", "四舍五入"))
        found = as_num(i, found.integer)
    return found


# ---------------------------------------------------------------------------------------------- the mechanisms
@dataclass(frozen=True)
class Reach:
    """What one rule can move on one date, before its cap: the magnitude (≥ 0) of its deduction or addition."""

    points: Interval
    never: bool = False          # it can never apply
    reason: str = ""             # why it can never apply: "range", "contradiction", "count-max"
    unbounded_by: str = ""       # what leaves it without an upper bound (a fact, the number of records)
    conditions: tuple = ()       # (domain, boxes) of its condition, for the overlap and shadowing checks
    gain: Interval | None = None  # a rule that can add as well as deduct (change): what it can add


NOTHING = Interval.point(ZERO)
ANY_COUNT = Interval(ZERO, INF)


def _condition(cond: Any, domain: Domain, ctx: Context, amount: Decimal, most: Interval | None = None) -> Reach:
    """Applies at most once: `amount` when the condition holds (`most`: the points when it holds, if they vary)."""
    found = boxes(cond, domain, ctx.resolve)
    each = most or Interval.point(amount)
    if found is None:
        return Reach(Interval(ZERO, each.hi))
    if not found:
        return Reach(NOTHING, never=True, conditions=(domain, found))
    used = {k for b in found for k in b.parts}
    always = implies([Box({k: domain[k] for k in used if k in domain})], found, domain)
    return Reach(Interval(each.lo if always else ZERO, each.hi), conditions=(domain, found))


def _when(rule: dict, ctx: Context, amount: Decimal | None) -> Reach:
    return _condition(rule["when"], ctx.fact_domain, ctx, amount or ZERO)


def _count(rule: dict, ctx: Context, amount: Decimal | None) -> Reach:
    """quantity × amount, the quantity being the fact's (or measure's) value when it is above 0."""
    name = rule["count"]
    d = ctx.fact_domain.get(name)
    lo, hi = (d.lo, d.hi) if isinstance(d, Num) else (-INF, INF)
    if hi <= 0:
        return Reach(NOTHING, never=True, reason="count-max")
    qty = Interval(max(lo, ZERO), hi)
    return Reach(qty.scale(amount or ZERO), unbounded_by=ctx.name(name) if hi == INF else "")


def _each(rule: dict, ctx: Context, amount: Decimal | None) -> Reach:
    """Every matching record deducts (by level: the largest amount of a level): no declared bound on how many
    records a subject lists."""
    rec = ctx.records.get(rule["each"], {})
    domain = ctx.record_domain(rule["each"])
    found = boxes(rule.get("where") or {}, domain, ctx.resolve)
    if found == []:
        return Reach(NOTHING, never=True, conditions=(domain, found))
    if rule.get("amounts"):
        amount = max((dec(v) for v in rule["amounts"].values()), default=ZERO)
    conds = (domain, found) if found is not None else ()
    return Reach(ANY_COUNT.scale(amount or ZERO), unbounded_by=f"“{rec.get('name', rule['each'])}”的记录条数",
                 conditions=conds)


def _band_range(b: dict) -> Interval:
    lo = dec(b["at_least"]) if b.get("at_least") is not None else -INF
    hi = dec(b["below"]) if b.get("below") is not None else INF
    return Interval(lo, hi)  # [at_least, below)


def _covers(ranges: list[Interval], d: Num) -> bool:
    """Whether half-open ranges [lo, hi) cover every value of `d` (so some band always applies)."""
    reach = d.lo
    for r in sorted(ranges, key=lambda r: r.lo):
        if r.lo > reach:
            return False
        if r.hi > d.hi or r.hi == INF:
            return True
        reach = max(reach, r.hi)
    return False


def _bands(rule: dict, ctx: Context, amount: Decimal | None) -> Reach:
    """The amount of the band the value falls in: from the smallest to the largest amount of the bands its
    declared range can reach (0 when the range can fall outside every band)."""
    name = rule.get("value", "")
    d = ctx.fact_domain.get(name)
    span = d if isinstance(d, Num) else Num()
    reachable = [(r, dec(b["amount"])) for b in rule.get("bands") or []
                 if (r := _band_range(b)).lo <= span.hi and r.hi > span.lo]
    if not reachable:
        return Reach(NOTHING, never=True, reason="range")
    amounts = [a for _, a in reachable]
    if _covers([r for r, _ in reachable], span):
        return Reach(Interval(min(amounts), max(amounts)))
    return Reach(Interval(min(min(amounts), ZERO), max(max(amounts), ZERO)))


def _grade(rule: dict, ctx: Context, amount: Decimal | None) -> Reach:
    """amount × the grade's value in its scale (优 100 %, 良 80 % …)."""
    f = ctx.facts.get(rule.get("grade", ""), {})
    scale = ctx.scales.get(f.get("scale", ""), {})
    values = [dec(g["value"]) for g in scale.get("grades", []) if "value" in g]
    if not values:
        return Reach(Interval(ZERO, INF), unbounded_by=f"等级“{ctx.name(rule.get('grade', ''))}”的赋值表")
    return Reach(Interval(min(values), max(values)).scale(amount or ZERO))


def _rank(rule: dict, ctx: Context, amount: Decimal | None) -> Reach:
    """The amount of the rank band the subject reaches, or `zero_amount` when it is not ranked."""
    amounts = [dec(b["amount"]) for b in rule.get("ranks") or []]
    amounts.append(dec(rule["zero_amount"]) if rule.get("zero_amount") is not None else ZERO)
    return Reach(Interval(max(min(amounts), ZERO), max(amounts)))


def _change(rule: dict, ctx: Context, amount: Decimal | None) -> Reach:
    """Whole (or fractional) steps of change from the previous period × gain or loss: the change can be at most the
    width of the value's declared range."""
    name = rule.get("change", "")
    span = interval_of(ctx.fact_domain.get(name))
    step = dec(rule.get("step", 1))
    width = span.hi - span.lo if span.bounded else INF
    steps = width / step if width.is_finite() and step > 0 else INF
    if steps.is_finite() and rule.get("steps", "整步") == "整步":
        steps = steps.to_integral_value(rounding=ROUND_FLOOR)
    most = Interval(ZERO, steps)
    gain, loss = dec(rule.get("gain", 0)), dec(rule.get("loss", 0))
    return Reach(most.scale(loss), gain=most.scale(gain), unbounded_by="" if steps.is_finite() else ctx.name(name))


def _unknown(rule: dict, ctx: Context, amount: Decimal | None) -> Reach:
    return Reach(Interval(ZERO, INF), unbounded_by="体检尚不能推算的计分方式")


Bound = Callable[[dict, Context, "Decimal | None"], Reach]


@dataclass(frozen=True)
class Mechanism:
    key: str                             # the YAML key that names it in a rule
    name: str                            # how the committee calls it
    applies: Callable[[dict], bool]
    bound: Bound


MECHANISMS: list[Mechanism] = [
    Mechanism("bands", "分档计分", lambda r: "bands" in r or "value" in r, _bands),
    Mechanism("rank", "排名计分", lambda r: "rank" in r, _rank),
    Mechanism("change", "与上期比较", lambda r: "change" in r, _change),
    Mechanism("grade", "按等级计分", lambda r: "grade" in r, _grade),
    Mechanism("when", "按条件计分", lambda r: "when" in r, _when),
    Mechanism("count", "按数量计分", lambda r: "count" in r, _count),
    Mechanism("each", "按记录计分", lambda r: "each" in r, _each),
]
UNKNOWN = Mechanism("", "未知计分方式", lambda r: True, _unknown)


def mechanism_of(rule: dict) -> Mechanism | None:
    return next((m for m in MECHANISMS if m.applies(rule)), None)


def rule_reach(rule: dict, ctx: Context) -> tuple[Reach, bool]:
    """(the rule's reach on this date, whether it is in force then). A rule not in force moves nothing."""
    amount = ctx.amount(rule["amount"]) if "amount" in rule else None
    if "amount" in rule and amount is None:
        return Reach(NOTHING), False
    m = mechanism_of(rule) or UNKNOWN
    return m.bound(rule, ctx, amount), True
