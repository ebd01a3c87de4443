"""Each scoring mechanism's bound: how many points one rule can move, over every submission the scheme allows.

A rule's bound is what it can deduct (or add) after its own cap, over the declared ranges of the facts and
record fields it reads, on one date (amounts and parameters change on dates). Each mechanism of the scheme
language contributes one bound function here; the composition of rules into categories, sections and totals is
`bounds.py`.

How to add a mechanism (when the language gains one):
1. write `def _xxx(rule: dict, ctx: Context) -> Reach` below: the quantity it can take (an `Interval` ≥ 0, from
   the domains of what it reads — `ctx.fact_domain`, `ctx.record_domain(id)`), times its amount(s); set `never`
   when it can never apply and `unbounded_by` (a Chinese name) when nothing declared bounds it;
2. register it in `MECHANISMS` with the test that recognises its rules (the YAML key that names the mechanism);
3. add a broken fixture per way its bound can go wrong to tests/check/ (the message is `messages/checkup.py`).
A rule no registered mechanism recognises is reported (`checkup.mechanism-unknown`) instead of being guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from ...limits import DEFAULT
from .domains import Box, Domain, Num, boxes, field_domain, implies
from .interval import INF, ZERO, Interval


def _date(v: Any) -> dt.date:
    return dt.date.fromisoformat(str(v))


def dated_values(raw: Any, start: dt.date) -> list[tuple[dt.date, Decimal | None]]:
    """`5` or `[{from, value}, …]` as (from, value) pairs."""
    if isinstance(raw, list):
        return [(_date(v["from"]), None if v.get("value") is None else Decimal(str(v["value"]))) for v in raw]
    return [(start, None if raw is None else Decimal(str(raw)))]


def value_at(pairs: list[tuple[dt.date, Decimal | None]], when: dt.date) -> tuple[bool, Decimal | None]:
    """(in force on `when`, value)."""
    chosen = [v for start, v in pairs if start <= when]
    return (bool(chosen), chosen[-1] if chosen else None)


class Context:
    """One scheme on one date: the declared facts, records and parameters, and the values in force."""

    def __init__(self, data: dict, when: dt.date) -> None:
        self.data = data
        self.when = when
        self.start = _date(data["effective"])
        self.facts = {f["id"]: f for f in data.get("facts", [])}
        self.records = {r["id"]: r for r in data.get("records", [])}
        self.params = {p["id"]: p for p in data.get("parameters", [])}
        self.fact_domain: Domain = {k: d for k, f in self.facts.items() if (d := field_domain(f)) is not None}

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


@dataclass(frozen=True)
class Reach:
    """What one rule can move on one date, before its cap: the magnitude (≥ 0) of its deduction or addition."""

    points: Interval
    never: bool = False          # it can never apply
    reason: str = ""             # why it can never apply: "range", "contradiction", "count-max"
    unbounded_by: str = ""       # what leaves it without an upper bound (a fact, the number of records)
    conditions: tuple = ()       # (domain, boxes) of its condition, for the overlap and shadowing checks


NOTHING = Interval.point(ZERO)


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


def _when(rule: dict, ctx: Context, amount: Decimal) -> Reach:
    return _condition(rule["when"], ctx.fact_domain, ctx, amount)


def _count(rule: dict, ctx: Context, amount: Decimal) -> Reach:
    """quantity × amount, the quantity being the fact's value when it is above 0 (as the engine tests it)."""
    name = rule["count"]
    d = ctx.fact_domain.get(name)
    lo, hi = (d.lo, d.hi) if isinstance(d, Num) else (-INF, INF)
    if hi <= 0:
        return Reach(NOTHING, never=True, reason="count-max")
    qty = Interval(max(lo, ZERO), hi)
    f = ctx.facts.get(name, {})
    return Reach(qty.scale(amount), unbounded_by=f.get("name", name) if hi == INF else "")


def _each(rule: dict, ctx: Context, amount: Decimal) -> Reach:
    """Every matching record deducts: no declared bound on how many records a subject lists."""
    rec = ctx.records.get(rule["each"], {})
    found = boxes(rule.get("where") or {}, ctx.record_domain(rule["each"]), ctx.resolve)
    if found == []:
        return Reach(NOTHING, never=True, conditions=(ctx.record_domain(rule["each"]), found))
    conds = (ctx.record_domain(rule["each"]), found) if found is not None else ()
    return Reach(Interval(ZERO, INF).scale(amount), unbounded_by=f"“{rec.get('name', rule['each'])}”的记录条数",
                 conditions=conds)


Bound = Callable[[dict, Context, Decimal], Reach]


@dataclass(frozen=True)
class Mechanism:
    key: str                             # the YAML key that names it in a rule
    name: str                            # how the committee calls it
    applies: Callable[[dict], bool]
    bound: Bound


MECHANISMS: list[Mechanism] = [
    Mechanism("when", "按条件扣分", lambda r: "when" in r, _when),
    Mechanism("count", "按数量扣分", lambda r: "count" in r, _count),
    Mechanism("each", "按记录扣分", lambda r: "each" in r, _each),
]


def mechanism_of(rule: dict) -> Mechanism | None:
    return next((m for m in MECHANISMS if m.applies(rule)), None)


def rule_reach(rule: dict, ctx: Context) -> tuple[Reach, bool]:
    """(the rule's reach on this date, whether it is in force then). A rule not in force moves nothing."""
    amount = ctx.amount(rule["amount"])
    m = mechanism_of(rule)
    if amount is None or m is None:
        return Reach(NOTHING), amount is not None
    return m.bound(rule, ctx, amount), True
