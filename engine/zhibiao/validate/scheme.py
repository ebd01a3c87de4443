"""Semantic checks on a scheme that a schema cannot express. Every problem is collected, none stops the rest."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from decimal import Decimal
from typing import Any, Iterable

from ..conditions import COMBINATORS, OPS, comparisons, params_used
from ..errors import Problem, Severity
from ..load import Document, Pointer, format_pointer

MAX_RUN = 10  # a sequence condition (“连续3次”) becomes an N-way join in the engine; keep N small


class _Checker:
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


def check_scheme(doc: Document) -> list[Problem]:
    c = _Checker(doc)
    d = c.d
    _unique(c)
    _dates(c)
    facts = {f["id"]: f for f in d.get("facts", [])}
    records = {r["id"]: r for r in d.get("records", [])}
    params = {p["id"]: p for p in d.get("parameters", [])}
    blocks = [b["id"] for b in d["blocks"]]
    used_facts: set[str] = set()

    for pi, p in enumerate(d.get("parameters", [])):
        starts = [v["from"] for v in p["values"]]
        if starts != sorted(starts):
            c.err(("parameters", pi, "values"), "scheme.parameter-order", parameter=p["id"])
    for fi, f in enumerate(d.get("facts", [])):
        _fact_def(c, ("facts", fi), f)
    for ri, r in enumerate(d.get("records", [])):
        fields = {x["id"]: x for x in r["fields"]}
        for xi, x in enumerate(r.get("derived", [])):
            src = fields.get(x["field"])
            ptr: Pointer = ("records", ri, "derived", xi)
            if src is None:
                c.err(ptr + ("field",), "scheme.derived-field-unknown", derived=x["id"], actual=x["field"],
                      record=r["id"], suggestion=suggestion(x["field"], fields))
            elif src["type"] != "decimal-list":
                c.err(ptr + ("field",), "scheme.derived-needs-list", function=x["function"])
            for name in params_used(x["threshold"]):
                if name not in params:
                    c.err(ptr + ("threshold",), "scheme.param-unknown", actual=name, suggestion=suggestion(name, params))

    totals: dict[str, Decimal] = {b: Decimal(0) for b in blocks}
    rule_block: dict[str, set[str]] = {}
    for ci, cat in enumerate(d["categories"]):
        for b in cat["blocks"]:
            if b not in totals:
                c.err(("categories", ci, "blocks"), "scheme.category-block-unknown", category=cat["name"], actual=b,
                      expected=blocks)
            else:
                totals[b] += Decimal(str(cat["points"]))
        cat_rules: set[str] = set()
        for ki, k in enumerate(cat["clauses"]):
            for ri, r in enumerate(k["rules"]):
                ptr = ("categories", ci, "clauses", ki, "rules", ri)
                cat_rules.add(r["id"])
                rule_block[r["id"]] = set(cat["blocks"])
                used_facts |= _rule(c, ptr, r, facts, records, params, Decimal(str(cat["points"])))
        for ni, n in enumerate(cat.get("notes", [])):
            ptr = ("categories", ci, "notes", ni)
            for ai, ref in enumerate(n["applies_to"]):
                if ref not in cat_rules:
                    where = "、".join(sorted(rule_block.get(ref, set())))
                    c.err(ptr + ("applies_to", ai), "scheme.note-rule-unknown", note=n["no"], actual=ref,
                          category=cat["name"], blocks="、".join(cat["blocks"]),
                          hint=f"（该条款属于{where}板块）" if where else "",
                          suggestion="" if where else suggestion(ref, cat_rules))
            if not n["applies_to"] and n.get("unmatched"):
                c.err(ptr, "scheme.note-unmatched", severity="warning", note=n["no"], text=n["text"],
                      blocks="、".join(cat["blocks"]), reason=n["unmatched"])
    full = Decimal(str(d["scoring"]["full_marks"]))
    for b, total in totals.items():
        if total != full:
            c.err(("blocks", blocks.index(b)), "scheme.points-total", block=b, actual=total, expected=full)
    for fi, f in enumerate(d.get("facts", [])):
        if f["id"] not in used_facts:
            c.err(("facts", fi), "scheme.fact-unused", severity="warning", fact=f["id"], name=f["name"])
    _awards(c, [cat["id"] for cat in d["categories"]])
    _revisions(c)
    return c.problems


def _unique(c: _Checker) -> None:
    d = c.d
    groups: dict[str, list[tuple[str, Pointer]]] = {"规则": [], "事实": [], "记录": [], "参数": [], "考核类别": [], "板块": []}
    for ci, cat in enumerate(d["categories"]):
        groups["考核类别"].append((cat["id"], ("categories", ci, "id")))
        for ki, k in enumerate(cat["clauses"]):
            for ri, r in enumerate(k["rules"]):
                groups["规则"].append((r["id"], ("categories", ci, "clauses", ki, "rules", ri, "id")))
    for key, label in (("facts", "事实"), ("records", "记录"), ("parameters", "参数"), ("blocks", "板块")):
        for i, x in enumerate(d.get(key, [])):
            groups[label].append((x["id"], (key, i, "id")))
    for label, items in groups.items():
        first: dict[str, Pointer] = {}
        for ident, ptr in items:
            if ident in first:
                c.err(ptr, "scheme.duplicate-id", what=label, id=ident, first_line=c.doc.where(first[ident]).line)
            else:
                first[ident] = ptr
    for i, b in enumerate(d["blocks"]):
        for s in [s for s, n in Counter(b["subjects"]).items() if n > 1]:
            c.err(("blocks", i, "subjects"), "scheme.duplicate-subject", block=b["id"], subject=s)


def _dates(c: _Checker) -> None:
    def walk(node: Any, ptr: Pointer) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("effective", "date", "from") and isinstance(v, str):
                    try:
                        dt.date.fromisoformat(v)
                    except ValueError:
                        c.err(ptr + (k,), "scheme.bad-date", actual=v)
                else:
                    walk(v, ptr + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, ptr + (i,))
    walk(c.d, ())


_PY_TYPES = {"integer": (int,), "decimal": (int, Decimal), "boolean": (bool,), "text": (str,)}


def value_ok(ftype: str, value: Any) -> bool:
    if ftype in ("integer", "decimal") and isinstance(value, bool):
        return False
    return isinstance(value, _PY_TYPES.get(ftype, (object,)))


def _fact_def(c: _Checker, ptr: Pointer, f: dict) -> None:
    if "default" in f and f["default"] is not None and not value_ok(f["type"], f["default"]):
        c.err(ptr + ("default",), "scheme.fact-default-type", fact=f["id"], expected=f["type"])
    lo, hi = f.get("minimum"), f.get("maximum")
    if lo is not None and hi is not None and lo > hi:
        c.err(ptr + ("minimum",), "scheme.fact-range", fact=f["id"], minimum=lo, maximum=hi)


def _rule(c: _Checker, ptr: Pointer, r: dict, facts: dict, records: dict, params: dict, points: Decimal) -> set[str]:
    used: set[str] = set()
    rid = r["id"]
    if "count" in r:
        name = r["count"]
        used.add(name)
        f = facts.get(name)
        if f is None:
            c.err(ptr + ("count",), "scheme.count-fact-unknown", rule=rid, actual=name,
                  suggestion=suggestion(name, facts))
        elif f["type"] not in ("integer", "decimal"):
            c.err(ptr + ("count",), "scheme.count-fact-type", rule=rid, fact=name, actual=f["type"])
    if "when" in r:
        used |= _condition(c, ptr + ("when",), r["when"], facts, params, rid, "事实")
    if "each" in r:
        rec = records.get(r["each"])
        if rec is None:
            c.err(ptr + ("each",), "scheme.record-unknown", rule=rid, actual=r["each"],
                  suggestion=suggestion(r["each"], records))
        else:
            fields = {x["id"]: x for x in rec["fields"]}
            derived = {x["id"]: x for x in rec.get("derived", [])}
            fields |= {x: {"id": x, "type": "integer"} for x in derived}
            _condition(c, ptr + ("where",), r["where"], fields, params, rid, f"记录“{rec['id']}”的字段")
            _derived_conditions(c, ptr + ("where",), r["where"], derived, params, rid)
    amounts = r["amount"] if isinstance(r["amount"], list) else [{"value": r["amount"]}]
    for a in amounts:
        if a["value"] is not None and Decimal(str(a["value"])) > points:
            c.err(ptr + ("amount",), "scheme.amount-over-points", severity="warning", rule=rid, actual=a["value"],
                  expected=points)
    if isinstance(r["amount"], list):
        starts = [a["from"] for a in r["amount"]]
        if starts != sorted(starts):
            c.err(ptr + ("amount",), "scheme.amount-order", rule=rid)
    return used


def _condition(c: _Checker, ptr: Pointer, cond: dict, known: dict, params: dict, rid: str, what: str) -> set[str]:
    used: set[str] = set()
    for key, value in cond.items():
        if key in COMBINATORS:
            for i, sub in enumerate(value):
                used |= _condition(c, ptr + (key, i), sub, known, params, rid, what)
            continue
        used.add(key)
        f = known.get(key)
        if f is None:
            c.err(ptr + (key,), "scheme.condition-field-unknown", key=True, rule=rid, what=what, actual=key,
                  suggestion=suggestion(key, known))
            continue
        tests = value.items() if isinstance(value, dict) and set(value) <= set(OPS) else [("eq", value)]
        for op, v in tests:
            if isinstance(v, dict) and set(v) == {"param"}:
                if v["param"] not in params:
                    c.err(ptr + (key,), "scheme.condition-param-unknown", rule=rid, actual=v["param"],
                          suggestion=suggestion(v["param"], params))
                continue
            if not value_ok(f["type"], v):
                c.err(ptr + (key,), "scheme.condition-type", rule=rid, what=what, field=key, expected=f["type"], actual=v)
            elif op not in ("eq", "ne") and f["type"] in ("boolean", "text"):
                c.err(ptr + (key,), "scheme.condition-order", rule=rid, what=what, field=key, expected=f["type"])
    return used


def _derived_conditions(c: _Checker, ptr: Pointer, cond: dict, derived: dict, params: dict, rid: str) -> None:
    """A derived sequence value (“连续3次低于50%”) is matched by the engine as an N-way join, so it may only be
    asked “at least N” (gte N / gt N-1), with a small whole N, and not under `any`/negation."""
    for key, value in cond.items():
        if key in COMBINATORS:
            for i, sub in enumerate(value):
                _derived_conditions(c, ptr + (key, i), sub, derived, params, rid)
            continue
        if key not in derived:
            continue
        tests = comparisons(value)
        x = derived[key]
        if len(tests) != 1 or tests[0][0] not in ("gte", "gt"):
            c.err(ptr + (key,), "scheme.derived-condition", rule=rid, derived=key, function=x["function"])
            continue
        op, raw = tests[0]
        if isinstance(raw, dict) and set(raw) == {"param"}:
            p = params.get(raw["param"])
            values = [v["value"] for v in p["values"]] if p else []
        else:
            values = [raw]
        for v in values:
            n = v + 1 if op == "gt" and isinstance(v, (int, Decimal)) else v
            if isinstance(n, bool) or not isinstance(n, (int, Decimal)) or n != int(n) or not 1 <= n <= MAX_RUN:
                c.err(ptr + (key,), "scheme.derived-run-size", rule=rid, derived=key, actual=v, expected=MAX_RUN)


def _awards(c: _Checker, categories: list[str]) -> None:
    aw = c.d.get("awards")
    if not aw:
        return
    for key in ("basis", "tie_break"):
        v = aw.get(key)
        if v is not None and v != "total" and v not in categories:
            c.err(("awards", key), "scheme.award-basis", actual=v, suggestion=suggestion(v, categories + ["total"]))


def _revisions(c: _Checker) -> None:
    revs = c.d["revisions"]
    if revs and revs[-1]["version"] != c.d["version"]:
        c.err(("revisions", len(revs) - 1, "version"), "scheme.revision-version", actual=revs[-1]["version"],
              expected=c.d["version"])
