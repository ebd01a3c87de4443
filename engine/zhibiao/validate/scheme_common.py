"""What the scheme checks share: the problem collector, the names a scheme declares, and the condition check."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from ..conditions import COMBINATORS, TESTS
from ..errors import Problem, Severity
from ..load import Document, Pointer, format_pointer

NUMERIC = ("integer", "decimal")


class Checker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.d = doc.data
        self.problems: list[Problem] = []

    def err(self, pointer: Pointer, code: str, *, severity: Severity = "error", key: bool = False, **fields: Any) -> None:
        self.problems.append(Problem.of(code, self.doc.where(pointer, key=key), pointer=format_pointer(pointer),
                                        severity=severity, **fields))


def suggestion(name: str, known: Iterable[str]) -> str:
    hit = difflib.get_close_matches(name, list(known), n=1, cutoff=0.5)
    return hit[0] if hit else ""


_PY_TYPES = {"integer": (int,), "decimal": (int, Decimal), "boolean": (bool,), "text": (str,), "grade": (str,)}


def value_ok(ftype: str, value: Any) -> bool:
    if ftype in NUMERIC and isinstance(value, bool):
        return False
    return isinstance(value, _PY_TYPES.get(ftype, (object,)))


@dataclass
class Names:
    """Everything a scheme declares by id, as the checks look it up."""

    facts: dict[str, dict] = field(default_factory=dict)
    records: dict[str, dict] = field(default_factory=dict)
    params: dict[str, dict] = field(default_factory=dict)
    measures: dict[str, dict] = field(default_factory=dict)
    scales: dict[str, dict] = field(default_factory=dict)
    blocks: dict[str, dict] = field(default_factory=dict)
    attributes: dict[str, dict[str, dict]] = field(default_factory=dict)   # block → attribute id → definition
    categories: dict[str, tuple[dict, tuple[str, ...]]] = field(default_factory=dict)  # id → (def, blocks)
    grades: dict[str, tuple[str, ...]] = field(default_factory=dict)       # block → its grading's grades
    awards: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def of(cls, d: dict) -> "Names":
        n = cls()
        n.facts = {f["id"]: f for f in d.get("facts", [])}
        n.records = {r["id"]: r for r in d.get("records", [])}
        n.params = {p["id"]: p for p in d.get("parameters", [])}
        n.measures = {m["id"]: m for m in d.get("measures", [])}
        n.scales = {s["id"]: s for s in d.get("grade_scales", [])}
        n.blocks = {b["id"]: b for b in d["blocks"]}
        n.attributes = {b["id"]: {a["id"]: a for a in b.get("attributes", [])} for b in d["blocks"]}

        def walk(cats: list, blocks: tuple[str, ...]) -> None:
            for c in cats:
                own = tuple(c.get("blocks", ())) or blocks
                n.categories.setdefault(c["id"], (c, own))
                walk(c.get("categories", []), own)
        walk(d["categories"], ())
        for g in d.get("grading", []):
            for b in g.get("blocks") or list(n.blocks):
                n.grades.setdefault(b, tuple(x["grade"] for x in g["levels"]))
        raw = d.get("awards") or []
        for a in [raw] if isinstance(raw, dict) else raw:
            n.awards[a.get("id", "")] = a
        return n

    def measure_type(self, m: dict) -> str:
        return "integer" if m.get("function") == "count" else "decimal"

    def subject_names(self, blocks: Iterable[str]) -> dict[str, dict]:
        """Names a subject-level condition may read in these blocks: facts, attributes, measures (with types)."""
        out: dict[str, dict] = dict(self.facts)
        for b in blocks:
            out.update(self.attributes.get(b, {}))
        out.update({mid: {"id": mid, "type": self.measure_type(m)} for mid, m in self.measures.items()})
        return out

    def numeric(self, name: str) -> tuple[bool, str]:
        """Is `name` a numeric fact or a measure? (found, its type)"""
        if name in self.measures:
            return True, self.measure_type(self.measures[name])
        f = self.facts.get(name)
        return (f is not None, f["type"] if f else "")


def check_condition(c: Checker, ptr: Pointer, cond: dict, known: dict, params: dict, *, what: str,
                    unknown: str, bad_type: str, bad_order: str, **owner: Any) -> set[str]:
    """Every field a condition names must be known, compared with values of its type, ordered only if it is a
    number. `unknown`/`bad_type`/`bad_order` are the message codes; `owner` names the rule (or veto…)."""
    used: set[str] = set()
    for key, value in cond.items():
        if key in COMBINATORS:
            for i, sub in enumerate(value):
                used |= check_condition(c, ptr + (key, i), sub, known, params, what=what, unknown=unknown,
                                        bad_type=bad_type, bad_order=bad_order, **owner)
            continue
        used.add(key)
        f = known.get(key)
        if f is None:
            c.err(ptr + (key,), unknown, key=True, what=what, actual=key, suggestion=suggestion(key, known), **owner)
            continue
        tests = value.items() if isinstance(value, dict) and set(value) <= set(TESTS) else [("eq", value)]
        for op, v in tests:
            if isinstance(v, dict) and set(v) == {"param"}:
                if v["param"] not in params:
                    c.err(ptr + (key,), "scheme.condition-param-unknown", rule=owner.get("rule", ""),
                          actual=v["param"], suggestion=suggestion(v["param"], params))
                continue
            values = v if op == "in" and isinstance(v, list) else [v]
            for x in values:
                if not value_ok(f["type"], x):
                    c.err(ptr + (key,), bad_type, what=what, field=key, expected=f["type"], actual=x, **owner)
                    break
            else:
                if op not in ("eq", "ne", "in") and f["type"] not in NUMERIC:
                    c.err(ptr + (key,), bad_order, what=what, field=key, expected=f["type"], **owner)
    return used


def owner_condition(c: Checker, ptr: Pointer, cond: dict, known: dict, params: dict, owner: str,
                    what: str = "事实") -> set[str]:
    """The condition of a veto, an eligibility rule or a measure (messages name the owner in full)."""
    return check_condition(c, ptr, cond, known, params, what=what, unknown="lang.condition-field-unknown",
                           bad_type="lang.condition-type", bad_order="lang.condition-order", owner=owner)
