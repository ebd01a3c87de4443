"""What a condition allows, as a finite union of boxes over the declared ranges of the fields it tests.

A condition of the condition language (`zhibiao.conditions`) becomes a disjunction of boxes; a box gives each
field it constrains either a numeric range (`Num`: ends open or closed, integer or not, points excluded by
`ne`) or a set of values (`Values`: booleans, text). The declared domain of every field (type, minimum,
maximum) is met with each box. This decides, exactly for what the language can say:
- whether a condition can ever hold (`satisfiable`), with an example when it can (`witness`);
- whether two conditions can hold together (`overlap`) and whether one implies the other (`implies`).

A test the analysis cannot read (a parameter with no value on that date, an ordering on text) makes its box
inexact: the box is then larger than the truth, which keeps “can never hold” sound; claims that need the exact
set (“both can hold: for example …”, “implies”) are only made from exact boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any, Callable, Mapping, Union

from ...conditions import comparisons, value_of
from .interval import INF

MAX_BOXES = 256  # beyond this a condition is not analysed (no finding is made about it)


def _num(v: Any) -> Decimal | None:
    if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
        return None
    return Decimal(v)


@dataclass(frozen=True)
class Num:
    lo: Decimal = -INF
    lo_open: bool = False
    hi: Decimal = INF
    hi_open: bool = False
    integer: bool = False
    excluded: frozenset[Decimal] = frozenset()

    def meet(self, o: "Num") -> "Num":
        if self.lo != o.lo:
            lo, lo_open = (self.lo, self.lo_open) if self.lo > o.lo else (o.lo, o.lo_open)
        else:
            lo, lo_open = self.lo, self.lo_open or o.lo_open
        if self.hi != o.hi:
            hi, hi_open = (self.hi, self.hi_open) if self.hi < o.hi else (o.hi, o.hi_open)
        else:
            hi, hi_open = self.hi, self.hi_open or o.hi_open
        return Num(lo, lo_open, hi, hi_open, self.integer or o.integer, self.excluded | o.excluded).tight()

    def tight(self) -> "Num":
        """Integers: open or fractional ends become the nearest integers inside; excluded ends are stepped over."""
        if not self.integer:
            return self
        lo, hi = self.lo, self.hi
        if lo.is_finite():
            c = lo.to_integral_value(rounding=ROUND_CEILING)
            lo = c + 1 if self.lo_open and c == lo else c
        if hi.is_finite():
            f = hi.to_integral_value(rounding=ROUND_FLOOR)
            hi = f - 1 if self.hi_open and f == hi else f
        while lo.is_finite() and lo <= hi and lo in self.excluded:
            lo += 1
        while hi.is_finite() and lo <= hi and hi in self.excluded:
            hi -= 1
        return Num(lo, False, hi, False, True, frozenset(e for e in self.excluded if lo < e < hi and e == int(e)))

    def contains(self, v: Decimal) -> bool:
        above = v > self.lo or (v == self.lo and not self.lo_open)
        below = v < self.hi or (v == self.hi and not self.hi_open)
        return above and below and v not in self.excluded and (not self.integer or v == int(v))

    @property
    def empty(self) -> bool:
        if self.lo > self.hi:
            return True
        if self.lo == self.hi:
            return self.lo_open or self.hi_open or self.lo in self.excluded
        return False  # decimals are dense; integers were tightened onto whole ends

    def sample(self) -> Decimal | None:
        if self.empty:
            return None
        tries: list[Decimal] = []
        if self.integer:
            start = self.lo if self.lo.is_finite() else self.hi if self.hi.is_finite() else Decimal(0)
            step = 1 if self.lo.is_finite() or not self.hi.is_finite() else -1
            tries = [start + step * k for k in range(len(self.excluded) + 2)]
        else:
            lo = self.lo if self.lo.is_finite() else (self.hi - 1 if self.hi.is_finite() else Decimal(-1))
            hi = self.hi if self.hi.is_finite() else lo + 2
            tries = [self.lo, self.hi, Decimal(0)] + [lo + (hi - lo) * k / 16 for k in range(1, 16)]
        return next((v for v in tries if v.is_finite() and self.contains(v)), None)

    def within(self, o: "Num") -> bool:
        """self ⊆ o (self not empty)."""
        lo_ok = o.lo < self.lo or (o.lo == self.lo and (not o.lo_open or self.lo_open))
        hi_ok = o.hi > self.hi or (o.hi == self.hi and (not o.hi_open or self.hi_open))
        return lo_ok and hi_ok and all(not self.contains(e) for e in o.excluded)


@dataclass(frozen=True)
class Values:
    allowed: frozenset | None = None   # None: any value of the field's type
    excluded: frozenset = frozenset()

    def meet(self, o: "Values") -> "Values":
        if self.allowed is None or o.allowed is None:
            allowed = self.allowed if o.allowed is None else o.allowed
        else:
            allowed = self.allowed & o.allowed
        return Values(allowed, self.excluded | o.excluded)

    @property
    def left(self) -> frozenset | None:
        return None if self.allowed is None else self.allowed - self.excluded

    @property
    def empty(self) -> bool:
        return self.allowed is not None and not self.left

    def sample(self) -> Any:
        if self.left:
            return sorted(self.left, key=str)[0]
        return None if self.empty else OTHER

    def within(self, o: "Values") -> bool:
        if o.allowed is not None:
            return self.allowed is not None and self.left <= o.left  # type: ignore[operator]
        if self.allowed is not None:
            return not (self.left & o.excluded)  # type: ignore[operator]
        return o.excluded <= self.excluded


OTHER = "（任意其他文字）"
Constraint = Union[Num, Values]


@dataclass
class Box:
    parts: dict[str, Constraint] = field(default_factory=dict)
    exact: bool = True

    def meet(self, o: "Box") -> "Box":
        parts = dict(self.parts)
        for k, c in o.parts.items():
            parts[k] = parts[k].meet(c) if k in parts and type(parts[k]) is type(c) else c  # type: ignore[arg-type]
        return Box(parts, self.exact and o.exact)

    @property
    def empty(self) -> bool:
        return any(c.empty for c in self.parts.values())

    def within(self, o: "Box", domain: "Domain") -> bool:
        """self ⊆ o: every field o constrains is constrained at least as tightly here."""
        for k, big in o.parts.items():
            small = self.parts.get(k) or domain.get(k)
            if small is None or type(small) is not type(big) or not small.within(big):  # type: ignore[arg-type]
                return False
        return True

    def example(self) -> dict[str, Any]:
        return {k: c.sample() for k, c in sorted(self.parts.items())}


Domain = Mapping[str, Constraint]
Resolve = Callable[[str], Any]


def field_domain(f: Mapping[str, Any]) -> Constraint | None:
    """The declared domain of a fact or record field: its type, minimum, maximum (and listed values)."""
    kind = f.get("type")
    if kind in ("integer", "decimal"):
        lo, hi = _num(f.get("minimum")), _num(f.get("maximum"))
        return Num(lo if lo is not None else -INF, False, hi if hi is not None else INF, False,
                   kind == "integer").tight()
    if kind == "boolean":
        return Values(frozenset({True, False}))
    if kind in ("text", "grade") and f.get("values"):
        return Values(frozenset(f["values"]))
    if kind == "text":
        return Values()
    return None


def _atom(name: str, op: str, raw: Any, domain: Domain, resolve: Resolve) -> Box:
    d = domain.get(name)
    try:
        v = value_of(raw, resolve)
    except KeyError:
        return Box(exact=False)
    if isinstance(d, Num):
        n = _num(v)
        if n is None:
            return Box(exact=False)
        c = {"eq": Num(n, False, n), "ne": Num(excluded=frozenset({n})), "lt": Num(hi=n, hi_open=True),
             "lte": Num(hi=n), "gt": Num(lo=n, lo_open=True), "gte": Num(lo=n)}.get(op)
        return Box({name: Num(c.lo, c.lo_open, c.hi, c.hi_open, d.integer, c.excluded).tight()}) if c else Box(exact=False)
    if isinstance(d, Values):
        if op == "in" and isinstance(v, list):
            return Box({name: Values(frozenset(v))})
        if op in ("eq", "ne") and v is not None and not isinstance(v, (list, dict)):
            return Box({name: Values(frozenset({v})) if op == "eq" else Values(excluded=frozenset({v}))})
    return Box(exact=False)


def _product(a: list[Box], b: list[Box]) -> list[Box]:
    out = [x.meet(y) for x in a for y in b]
    out = [x for x in out if not x.empty]
    if len(out) > MAX_BOXES:
        raise _TooBig
    return out


class _TooBig(Exception):
    pass


def _dnf(cond: Any, domain: Domain, resolve: Resolve) -> list[Box]:
    boxes = [Box()]
    if not isinstance(cond, Mapping):
        return [Box(exact=False)]
    for key, value in cond.items():
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                boxes = _product(boxes, [Box(exact=False)])
            elif key == "all":
                for sub in value:
                    boxes = _product(boxes, _dnf(sub, domain, resolve))
            else:
                union: list[Box] = []
                for sub in value:
                    union += _dnf(sub, domain, resolve)
                boxes = _product(boxes, union)
        else:
            for op, raw in comparisons(value):
                boxes = _product(boxes, [_atom(key, op, raw, domain, resolve)])
    return boxes


def boxes(cond: Any, domain: Domain, resolve: Resolve) -> list[Box] | None:
    """The condition within the domain, as non-empty boxes ([] = can never hold); None if too large to analyse."""
    try:
        found = _dnf(cond, domain, resolve)
    except _TooBig:
        return None
    within = [b.meet(Box({k: domain[k] for k in b.parts if k in domain})) for b in found]
    return [b for b in within if not b.empty]


def unconstrained(cond: Any, domain: Domain, resolve: Resolve) -> list[Box] | None:
    """The same condition ignoring declared ranges (only types): tells a contradiction from an out-of-range test."""
    loose = {k: (Num(integer=c.integer) if isinstance(c, Num) else Values(c.allowed if c.allowed is not None
                                                                           and all(isinstance(x, bool) for x in c.allowed)
                                                                           else None))
             for k, c in domain.items()}
    return boxes(cond, loose, resolve)


def overlap(a: list[Box], b: list[Box]) -> Box | None:
    """An exact box where both hold, if any (the example shown to the committee)."""
    for x in a:
        for y in b:
            m = x.meet(y)
            if m.exact and not m.empty:
                return m
    return None


def implies(a: list[Box], b: list[Box], domain: Domain) -> bool:
    """Whenever `a` holds, `b` holds (each box of `a` lies inside one exact box of `b`). `a` must be non-empty."""
    exact = [y for y in b if y.exact]
    return bool(a) and all(any(x.within(y, domain) for y in exact) for x in a)
