"""Closed intervals of exact decimals, possibly unbounded: the arithmetic of the bounds analysis.

An end may be ±Infinity (Decimal supports it); the only product the analysis forms is a non-negative quantity
times a non-negative amount, where 0 × ∞ is taken as 0 (no occurrence deducts nothing, however large the unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ...numbers import fmt

INF = Decimal("Infinity")
ZERO = Decimal(0)


def _times(a: Decimal, b: Decimal) -> Decimal:
    return ZERO if a == 0 or b == 0 else a * b


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @classmethod
    def point(cls, v: Decimal) -> "Interval":
        return cls(v, v)

    @property
    def bounded(self) -> bool:
        return self.lo.is_finite() and self.hi.is_finite()

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __neg__(self) -> "Interval":
        return Interval(-self.hi, -self.lo)

    def __sub__(self, other: "Interval") -> "Interval":
        return self + (-other)

    def scale(self, k: Decimal) -> "Interval":
        """× a non-negative constant (an amount, a weight, a grade value)."""
        return Interval(_times(self.lo, k), _times(self.hi, k))

    def times(self, other: "Interval") -> "Interval":
        """Product of two non-negative intervals (a quantity × an amount that changes with the record)."""
        return Interval(_times(self.lo, other.lo), _times(self.hi, other.hi))

    def at_most(self, cap: Decimal) -> "Interval":
        """min(x, cap): a rule's cap."""
        return Interval(min(self.lo, cap), min(self.hi, cap))

    def at_least(self, floor: Decimal) -> "Interval":
        """max(x, floor): a category's floor."""
        return Interval(max(self.lo, floor), max(self.hi, floor))

    def union(self, other: "Interval") -> "Interval":
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def rounded(self, decimals: int, mode: str = "四舍五入") -> "Interval":
        """Rounding is monotone, so rounding both ends bounds every rounded value."""
        how = ROUND_DOWN if mode == "去尾" else ROUND_HALF_UP
        q = Decimal(1).scaleb(-decimals)
        return Interval(*(v.quantize(q, rounding=how) if v.is_finite() else v for v in (self.lo, self.hi)))

    def within(self, lo: Decimal, hi: Decimal) -> bool:
        return lo <= self.lo and self.hi <= hi

    def __str__(self) -> str:
        return f"{show(self.lo)}～{show(self.hi)}"


def show(v: Decimal) -> str:
    """A bound as a person reads it: “无上限” for +∞, “无下限” for −∞."""
    if v == INF:
        return "无上限"
    if v == -INF:
        return "无下限"
    return fmt(v)


def total(items: list[Interval]) -> Interval:
    out = Interval.point(ZERO)
    for i in items:
        out = out + i
    return out
