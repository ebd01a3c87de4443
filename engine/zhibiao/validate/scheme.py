"""Semantic checks on a scheme that a schema cannot express. Every problem is collected, none stops the rest.

The rules themselves are checked in `scheme_rules`, what surrounds them (subjects, measures, vetoes, grading,
awards) in `scheme_outcomes`, the original wording against the machine amounts in `wording`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from ..conditions import params_used
from ..errors import Problem, errors_only
from ..load import Document, Pointer
from . import scheme_outcomes as outcomes
from .checkup import check_scheme_bounds
from .scheme_common import Checker, Names, suggestion, value_ok
from .scheme_rules import check_rule
from .wording import check_wording

__all__ = ["check_scheme", "suggestion", "value_ok"]


def check_scheme(doc: Document) -> list[Problem]:
    c = Checker(doc)
    d = c.d
    names = Names.of(d)
    _unique(c)
    _dates(c)
    for pi, p in enumerate(d.get("parameters", [])):
        starts = [v["from"] for v in p["values"]]
        if starts != sorted(starts):
            c.err(("parameters", pi, "values"), "scheme.parameter-order", parameter=p["id"])
    for fi, f in enumerate(d.get("facts", [])):
        _fact_def(c, ("facts", fi), f)
    _derived(c, names)
    outcomes.check_blocks(c, names)
    outcomes.check_value_lists(c, names)

    used: set[str] = set()
    rule_block: dict[str, set[str]] = {}
    block_ids = list(names.blocks)
    for ci, cat in enumerate(d["categories"]):
        for b in cat["blocks"]:
            if b not in names.blocks:
                c.err(("categories", ci, "blocks"), "scheme.category-block-unknown", category=cat["name"], actual=b,
                      expected=block_ids)
        used |= _category(c, names, ("categories", ci), cat, tuple(b for b in cat["blocks"] if b in names.blocks),
                          rule_block, parent=None)
    for b in block_ids:
        _composition(c, names, [(("categories", i), x) for i, x in enumerate(d["categories"]) if b in x["blocks"]],
                     Decimal(str(d["scoring"]["full_marks"])), ("blocks", block_ids.index(b)),
                     where=f"{b}板块第一级考核类别", target="满分", block=b)
    outcomes.check_measures(c, names)
    outcomes.check_vetoes(c, names)
    outcomes.check_eligibility(c, names)
    outcomes.check_grading(c, names)
    outcomes.check_awards(c, names)
    used |= _used_elsewhere(d)
    for fi, f in enumerate(d.get("facts", [])):
        if f["id"] not in used:
            c.err(("facts", fi), "scheme.fact-unused", severity="warning", fact=f["id"], name=f["name"])
    _awards_basis(c, list(names.categories))
    _revisions(c)
    c.problems += check_wording(doc)
    if not errors_only(c.problems):  # the checkup (体检) reads a scheme whose references all resolve
        c.problems += check_scheme_bounds(doc)
    return c.problems


def _category(c: Checker, names: Names, ptr: Pointer, cat: dict, blocks: tuple[str, ...],
              rule_block: dict[str, set[str]], parent: dict | None, inherited: str = "") -> set[str]:
    used: set[str] = set()
    name = cat["name"]
    points = Decimal(str(cat["points"]))
    if parent is not None and "blocks" in cat:
        c.err(ptr + ("blocks",), "lang.nested-blocks", key=True, category=name, parent=parent["name"])
    has_clauses, has_children = "clauses" in cat, "categories" in cat
    if has_clauses and has_children:
        c.err(ptr, "lang.category-both", category=name)
    elif not has_clauses and not has_children:
        c.err(ptr, "lang.category-neither", category=name)
    method = cat.get("method", inherited or c.d["scoring"]["method"])
    floor = Decimal(str(cat["floor"])) if "floor" in cat else (
        Decimal(str(c.d["scoring"].get("category_floor", 0))) if method == "扣分制" else Decimal(0))
    if floor > points:
        c.err(ptr + (("floor",) if "floor" in cat else ()), "lang.floor-above-points", category=name, actual=floor,
              expected=points)
    if "base" in cat:
        base = Decimal(str(cat["base"]))
        if not floor <= base <= points:
            c.err(ptr + ("base",), "lang.base-range", category=name, actual=base, floor=floor, expected=points)
    cat_rules: set[str] = set()
    for ki, k in enumerate(cat.get("clauses", [])):
        for ri, r in enumerate(k["rules"]):
            rptr = ptr + ("clauses", ki, "rules", ri)
            cat_rules.add(r["id"])
            rule_block[r["id"]] = set(blocks)
            used |= check_rule(c, names, rptr, r, blocks, points)
    for ni, n in enumerate(cat.get("notes", [])):
        nptr = ptr + ("notes", ni)
        for ai, ref in enumerate(n["applies_to"]):
            if ref not in cat_rules:
                where = "、".join(sorted(rule_block.get(ref, set())))
                c.err(nptr + ("applies_to", ai), "scheme.note-rule-unknown", note=n["no"], actual=ref,
                      category=name, blocks="、".join(blocks), hint=f"（该条款属于{where}板块）" if where else "",
                      suggestion="" if where else suggestion(ref, cat_rules))
        if not n["applies_to"] and n.get("unmatched"):
            c.err(nptr, "scheme.note-unmatched", severity="warning", note=n["no"], text=n["text"],
                  blocks="、".join(blocks), reason=n["unmatched"])
    children = cat.get("categories", [])
    for i, x in enumerate(children):
        used |= _category(c, names, ptr + ("categories", i), x, blocks, rule_block, parent=cat, inherited=method)
    if children:
        _composition(c, names, [(ptr + ("categories", i), x) for i, x in enumerate(children)], points, ptr,
                     where=f"考核类别“{name}”的子项目", target="本项分值", category=name)
    return used


def _composition(c: Checker, names: Names, items: list[tuple[Pointer, dict]], target_points: Decimal, ptr: Pointer,
                 *, where: str, target: str, block: str = "", category: str = "") -> None:
    """Sibling categories add up to their parent (or to full marks): plainly, or weighted with weights of 100%."""
    if not items:
        return
    weighted = [x for _, x in items if "weight" in x]
    if weighted and len(weighted) != len(items):
        other = next(x for _, x in items if "weight" not in x)
        wptr, first = next((p, x) for p, x in items if "weight" in x)
        c.err(wptr + ("weight",), "lang.weights-partial", category=first["name"], other=other["name"])
        return
    if weighted:
        shares = [Decimal(x["weight"].rstrip("%")) for _, x in items]
        total_share = sum(shares, Decimal(0))
        if total_share != 100:
            c.err(items[0][0] + ("weight",), "lang.weights-total", where=where, actual=f"{total_share.normalize():f}%")
        parts = [Decimal(str(x["points"])) * s / 100 for (_, x), s in zip(items, shares)]
        total = sum(parts, Decimal(0))
        if total != target_points:
            detail = " + ".join(f"{Decimal(str(x['points'])).normalize():f} × {s.normalize():f}%"
                                for (_, x), s in zip(items, shares))
            c.err(ptr, "lang.weighted-points", where=where, actual=total.normalize(), detail=detail, target=target,
                  expected=target_points)
        return
    total = sum((Decimal(str(x["points"])) for _, x in items), Decimal(0))
    if total != target_points:
        if category:
            c.err(ptr, "lang.children-points", category=category, actual=total, expected=target_points)
        else:
            c.err(ptr, "scheme.points-total", block=block, actual=total, expected=target_points)


def _used_elsewhere(d: dict) -> set[str]:
    """Facts read outside rules: by vetoes, eligibility and roll-ups of members."""
    from_conditions: set[str] = set()
    for v in d.get("vetoes", []):
        from_conditions |= _fields(v["when"])
    for e in d.get("eligibility", []):
        from_conditions |= _fields(e.get("when") or {})
        if e.get("most"):
            from_conditions.add(e["most"])
    for m in d.get("measures", []):
        if m.get("of"):
            from_conditions.add(m["of"])
        from_conditions |= _fields(m.get("where") or {})
    return from_conditions


def _fields(cond: dict) -> set[str]:
    out: set[str] = set()
    for k, v in cond.items():
        if k in ("all", "any"):
            for sub in v:
                out |= _fields(sub)
        else:
            out.add(k)
    return out


def _derived(c: Checker, names: Names) -> None:
    for ri, r in enumerate(c.d.get("records", [])):
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
                if name not in names.params:
                    c.err(ptr + ("threshold",), "scheme.param-unknown", actual=name,
                          suggestion=suggestion(name, names.params))


def _unique(c: Checker) -> None:
    d = c.d
    groups: dict[str, list[tuple[str, Pointer]]] = {
        "规则": [], "事实": [], "记录": [], "参数": [], "考核类别": [], "板块": [], "汇总指标": [], "一票否决": [],
        "评优限制": [], "等级赋值表": [], "评比": []}

    def walk(cats: list, ptr: Pointer) -> None:
        for ci, cat in enumerate(cats):
            groups["考核类别"].append((cat["id"], ptr + (ci, "id")))
            for ki, k in enumerate(cat.get("clauses", [])):
                for ri, r in enumerate(k["rules"]):
                    groups["规则"].append((r["id"], ptr + (ci, "clauses", ki, "rules", ri, "id")))
            walk(cat.get("categories", []), ptr + (ci, "categories"))
    walk(d["categories"], ("categories",))
    for key, label in (("facts", "事实"), ("records", "记录"), ("parameters", "参数"), ("blocks", "板块"),
                       ("measures", "汇总指标"), ("vetoes", "一票否决"), ("eligibility", "评优限制"),
                       ("grade_scales", "等级赋值表")):
        for i, x in enumerate(d.get(key, [])):
            groups[label].append((x["id"], (key, i, "id")))
    if isinstance(d.get("awards"), list):
        groups["评比"] = [(a["id"], ("awards", i, "id")) for i, a in enumerate(d["awards"]) if "id" in a]
    for label, items in groups.items():
        first: dict[str, Pointer] = {}
        for ident, ptr in items:
            if ident in first:
                c.err(ptr, "scheme.duplicate-id", what=label, id=ident, first_line=c.doc.where(first[ident]).line)
            else:
                first[ident] = ptr
    for i, b in enumerate(d["blocks"]):
        for s in [s for s, n in Counter(b.get("subjects", [])).items() if n > 1]:
            c.err(("blocks", i, "subjects"), "scheme.duplicate-subject", block=b["id"], subject=s)


def _dates(c: Checker) -> None:
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


def _fact_def(c: Checker, ptr: Pointer, f: dict) -> None:
    if "default" in f and f["default"] is not None and not value_ok(f["type"], f["default"]):
        c.err(ptr + ("default",), "scheme.fact-default-type", fact=f["id"], expected=f["type"])
    lo, hi = f.get("minimum"), f.get("maximum")
    if lo is not None and hi is not None and lo > hi:
        c.err(ptr + ("minimum",), "scheme.fact-range", fact=f["id"], minimum=lo, maximum=hi)


def _awards_basis(c: Checker, categories: list[str]) -> None:
    raw = c.d.get("awards")
    if not raw:
        return
    items = [(("awards",), raw)] if isinstance(raw, dict) else [(("awards", i), a) for i, a in enumerate(raw)]
    for ptr, aw in items:
        for key in ("basis", "tie_break"):
            v = aw.get(key)
            if v is not None and v != "total" and v not in categories:
                c.err(ptr + (key,), "scheme.award-basis", actual=v, suggestion=suggestion(v, categories + ["total"]))


def _revisions(c: Checker) -> None:
    revs = c.d["revisions"]
    if revs and revs[-1]["version"] != c.d["version"]:
        c.err(("revisions", len(revs) - 1, "version"), "scheme.revision-version", actual=revs[-1]["version"],
              expected=c.d["version"])
