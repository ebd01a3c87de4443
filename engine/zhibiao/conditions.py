"""The small condition language shared by rules/ and standards/, and its three readings.

A condition in YAML:
    {满意度字段: {lt: 60}}                 one field, one comparison
    {status: 未完成}                        equality
    {all: [..., ...]} / {any: [..., ...]}   conjunction / disjunction
    {days: {gt: 0, lte: 7}}                 several comparisons on one field: all must hold
    {rate: {lt: {param: attendance_floor}}} a value taken from a (dated) parameter

Readings: `to_durable` (the durable-rules pattern the engine runs), `describe` (Chinese text for
explanations and the site), `holds` (a plain-Python reference used to cross-check the engine in tests).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Mapping

OPS = {"eq": "$eq", "ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}
OP_TEXT = {"eq": "等于", "ne": "不等于", "lt": "<", "lte": "≤", "gt": ">", "gte": "≥"}
COMBINATORS = ("all", "any")

ParamResolver = Callable[[str], Any]


def _no_params(name: str) -> Any:
    raise KeyError(name)


def fields_used(cond: Any) -> set[str]:
    if isinstance(cond, Mapping):
        out: set[str] = set()
        for key, value in cond.items():
            if key in COMBINATORS:
                for sub in value:
                    out |= fields_used(sub)
            else:
                out.add(key)
        return out
    return set()


def params_used(cond: Any) -> set[str]:
    out: set[str] = set()
    if isinstance(cond, Mapping):
        if set(cond) == {"param"}:
            return {cond["param"]}
        for value in cond.values():
            out |= params_used(value)
    elif isinstance(cond, list):
        for value in cond:
            out |= params_used(value)
    return out


def _value(raw: Any, resolve: ParamResolver) -> Any:
    if isinstance(raw, Mapping) and set(raw) == {"param"}:
        return resolve(raw["param"])
    return raw


def _comparisons(test: Any) -> list[tuple[str, Any]]:
    """`60` → [('eq', 60)]; `{gt: 0, lte: 7}` → [('gt', 0), ('lte', 7)]."""
    if isinstance(test, Mapping) and test and set(test) <= set(OPS):
        return list(test.items())
    return [("eq", test)]


def _engine_value(v: Any) -> Any:
    # durable-rules matches JSON numbers; a Decimal with ≤15 significant digits maps to a double that
    # orders exactly like the decimal, and integral values go as integers.
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def to_durable(cond: Any, resolve: ParamResolver = _no_params) -> dict:
    parts: list[dict] = []
    for key, value in cond.items():
        if key == "all":
            parts.append({"$and": [to_durable(c, resolve) for c in value]})
        elif key == "any":
            parts.append({"$or": [to_durable(c, resolve) for c in value]})
        else:
            for op, raw in _comparisons(value):
                v = _engine_value(_value(raw, resolve))
                parts.append({key: v} if op == "eq" else {OPS[op]: {key: v}})
    return parts[0] if len(parts) == 1 else {"$and": parts}


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")
    return str(v)


def describe(cond: Any, names: Mapping[str, str] | None = None, resolve: ParamResolver = _no_params) -> str:
    """Chinese reading of a condition, e.g. “学生评价满意度 < 60 且 …”."""
    names = names or {}
    parts: list[str] = []
    for key, value in cond.items():
        if key in COMBINATORS:
            joiner = " 且 " if key == "all" else " 或 "
            inner = [describe(c, names, resolve) for c in value]
            text = joiner.join(inner)
            parts.append(f"（{text}）" if len(inner) > 1 and len(cond) > 1 else text)
        else:
            label = names.get(key, key)
            for op, raw in _comparisons(value):
                v = _value(raw, resolve)
                if op in ("eq", "ne") and isinstance(v, bool):
                    parts.append(f"{label}：{'是' if v == (op == 'eq') else '否'}")
                else:
                    shown = f"“{v}”" if isinstance(v, str) else _fmt(v)
                    parts.append(f"{label}{OP_TEXT[op]}{shown}" if op in ("eq", "ne") else f"{label} {OP_TEXT[op]} {shown}")
    return " 且 ".join(parts)


def holds(cond: Any, facts: Mapping[str, Any], resolve: ParamResolver = _no_params) -> bool:
    for key, value in cond.items():
        if key == "all":
            ok = all(holds(c, facts, resolve) for c in value)
        elif key == "any":
            ok = any(holds(c, facts, resolve) for c in value)
        else:
            if key not in facts:
                return False
            actual = facts[key]
            ok = all(_compare(op, actual, _value(raw, resolve)) for op, raw in _comparisons(value))
        if not ok:
            return False
    return True


def _compare(op: str, a: Any, b: Any) -> bool:
    if op == "eq":
        return a == b
    if op == "ne":
        return a != b
    try:
        return {"lt": a < b, "lte": a <= b, "gt": a > b, "gte": a >= b}[op]
    except TypeError:
        return False
