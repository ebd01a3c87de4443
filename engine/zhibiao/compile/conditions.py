"""The condition language → durable-rules patterns.

Scheme names never meet the engine's own fields: every fact or field a scheme names is written into engine
facts under a key of our own — `f.<name>` for the small standards programs, a short compiled key `f<n>` for
schemes (`compile.scheme.EngineNames`; short keys make province-scale fact batches cheaper to encode and hash) —
so a fact called `kind`, `id` or `sid` is just data.
"""

from __future__ import annotations

from typing import Any, Callable

from ..conditions import OPS, ParamResolver, comparisons, no_params, value_of
from ..numbers import engine_value

KIND = "$k"          # every engine fact names what it is: s (a subject), r.<record>, e.<record>.<field>
FIELD = "f."         # prefix of every scheme-named field


def field(name: str) -> str:
    return FIELD + name


def to_durable(cond: Any, resolve: ParamResolver = no_params, skip: frozenset[str] = frozenset(),
               key_of: Callable[[str], str] = field) -> dict | None:
    """The pattern for `cond` over one fact (names mapped to engine keys by `key_of`); `skip` names fields matched
    elsewhere (sequences). None when nothing is left to test."""
    parts: list[dict] = []
    for key, value in cond.items():
        if key in ("all", "any"):
            inner = [p for p in (to_durable(c, resolve, skip, key_of) for c in value) if p is not None]
            if inner:
                parts.append({"$and" if key == "all" else "$or": inner})
        elif key not in skip:
            for op, raw in comparisons(value):
                if op == "in":  # one of several values: a disjunction of equalities
                    options = [{key_of(key): engine_value(x)} for x in raw]
                    parts.append(options[0] if len(options) == 1 else {"$or": options})
                    continue
                v = engine_value(value_of(raw, resolve))
                parts.append({key_of(key): v} if op == "eq" else {OPS[op]: {key_of(key): v}})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


def kind_pattern(kind: str, rest: dict | None = None) -> dict:
    return {"$and": [{KIND: kind}, rest]} if rest is not None else {KIND: kind}
