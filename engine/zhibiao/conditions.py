"""The small condition language shared by rules/ and standards/: its shape, and its reading in Chinese.

A condition in YAML:
    {满意度字段: {lt: 60}}                 one field, one comparison
    {status: 未完成}                        equality
    {all: [..., ...]} / {any: [..., ...]}   conjunction / disjunction
    {days: {gt: 0, lte: 7}}                 several comparisons on one field: all must hold
    {rate: {lt: {param: attendance_floor}}} a value taken from a (dated) parameter
    {level: {in: [一级, 二级]}}              one of several values

Compilation to the engine's patterns is `compile.conditions`; a plain-Python reading, used only to cross-check
the engine in tests and as the benchmark's floor, is `compile.python`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Mapping

from .numbers import fmt

OPS = {"eq": "$eq", "ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}
OP_TEXT = {"eq": "等于", "ne": "不等于", "lt": "<", "lte": "≤", "gt": ">", "gte": "≥", "in": "属于"}
COMBINATORS = ("all", "any")
TESTS = (*OPS, "in")  # every comparison a condition may write

ParamResolver = Callable[[str], Any]


def no_params(name: str) -> Any:
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


def value_of(raw: Any, resolve: ParamResolver) -> Any:
    if isinstance(raw, Mapping) and set(raw) == {"param"}:
        return resolve(raw["param"])
    return raw


def comparisons(test: Any) -> list[tuple[str, Any]]:
    """`60` → [('eq', 60)]; `{gt: 0, lte: 7}` → [('gt', 0), ('lte', 7)]."""
    if isinstance(test, Mapping) and test and set(test) <= set(TESTS):
        return list(test.items())
    return [("eq", test)]


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, Decimal):
        return fmt(v)
    return str(v)


def describe(cond: Any, names: Mapping[str, str] | None = None, resolve: ParamResolver = no_params) -> str:
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
            for op, raw in comparisons(value):
                v = value_of(raw, resolve)
                if op in ("eq", "ne") and isinstance(v, bool):
                    parts.append(f"{label}：{'是' if v == (op == 'eq') else '否'}")
                elif op == "in":
                    parts.append(f"{label}属于" + "、".join(f"“{x}”" if isinstance(x, str) else _fmt(x) for x in v))
                else:
                    shown = f"“{v}”" if isinstance(v, str) else _fmt(v)
                    parts.append(f"{label}{OP_TEXT[op]}{shown}" if op in ("eq", "ne") else f"{label} {OP_TEXT[op]} {shown}")
    return " 且 ".join(parts)
