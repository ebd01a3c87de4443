"""Exact numbers as people and the engine see them."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any


def fmt(d: Decimal) -> str:
    """0.70 → '0.7', 10.0 → '10', -0 → '0': exact, without trailing zeros or exponent."""
    if not d.is_finite():
        return str(d)
    if d == 0:
        return "0"
    if d == d.to_integral_value():
        return format(d.to_integral_value(), "f")
    return format(d.normalize(), "f")


def engine_value(v: Any) -> Any:
    """A value as durable-rules compares it: integral Decimals as integers, others as doubles.

    Submissions are limited to 15 significant digits (see `limits`), so the double orders exactly as the
    decimal does."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


ROUNDING_MODES = {"四舍五入": ROUND_HALF_UP, "去尾": ROUND_DOWN}


def round_to(value: Decimal, decimals: int, mode: str) -> Decimal:
    """Round as a scheme declares: 四舍五入 is half-up (89.325 → 89.33, never banker's rounding), 去尾 drops the
    extra digits (89.329 → 89.32)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUNDING_MODES[mode])
