"""The condition language → durable-rules patterns.

Scheme names never meet the engine's own fields: every fact or field a scheme names is written into engine
facts under `f.<name>` (see `evaluate.facts`), so a fact called `kind`, `id` or `sid` is just data.
"""

from __future__ import annotations

from typing import Any

from ..conditions import OPS, ParamResolver, comparisons, no_params, value_of
from ..numbers import engine_value

KIND = "$k"          # every engine fact names what it is: s (a subject), r.<record>, e.<record>.<field>
FIELD = "f."         # prefix of every scheme-named field


def field(name: str) -> str:
    return FIELD + name


def to_durable(cond: Any, resolve: ParamResolver = no_params, skip: frozenset[str] = frozenset()) -> dict | None:
    """The pattern for `cond` over one fact (fields namespaced); `skip` names fields matched elsewhere (joins).
    None when nothing is left to test."""
    parts: list[dict] = []
    for key, value in cond.items():
        if key in ("all", "any"):
            inner = [p for p in (to_durable(c, resolve, skip) for c in value) if p is not None]
            if inner:
                parts.append({"$and" if key == "all" else "$or": inner})
        elif key not in skip:
            for op, raw in comparisons(value):
                v = engine_value(value_of(raw, resolve))
                parts.append({field(key): v} if op == "eq" else {OPS[op]: {field(key): v}})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


def kind_pattern(kind: str, rest: dict | None = None) -> dict:
    return {"$and": [{KIND: kind}, rest]} if rest is not None else {KIND: kind}
