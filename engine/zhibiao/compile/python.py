"""A plain-Python reading of the same rules, compiled to closures — never used to score.

It exists to check the engine (a differential test compares every decision on random submissions) and as the
floor the benchmark measures the engine against. It reads the YAML's own definitions (the derived sequence
functions, the comparisons) independently of how `compile.scheme` turns them into engine joins."""

from __future__ import annotations

import operator
from decimal import Decimal
from typing import Any, Callable, Mapping

from ..conditions import ParamResolver, comparisons, no_params, value_of
from ..model.scheme import Rule
from ..model.submission import SubjectInput
from .scheme import CompiledBlock, branch_key, delta_key, most_key, rank_key, resolver

_OPS: dict[str, Callable[[Any, Any], bool]] = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt,
                                                "lte": operator.le, "gt": operator.gt, "gte": operator.ge,
                                                "in": lambda a, b: a in b}


def longest_run_below(values: list[Decimal], threshold: Decimal) -> int:
    best = run = 0
    for v in values:
        run = run + 1 if v < threshold else 0
        best = max(best, run)
    return best


def count_below(values: list[Decimal], threshold: Decimal) -> int:
    return sum(1 for v in values if v < threshold)


DERIVATIONS = {"longest_run_below": longest_run_below, "count_below": count_below}


def holds(cond: Any, facts: Mapping[str, Any], resolve: ParamResolver = no_params) -> bool:
    """Does `cond` hold for these values? (Interpreted; the differential tests use it as the reference.)"""
    for key, value in cond.items():
        if key == "all":
            ok = all(holds(c, facts, resolve) for c in value)
        elif key == "any":
            ok = any(holds(c, facts, resolve) for c in value)
        else:
            if key not in facts:
                return False
            actual = facts[key]
            ok = all(_compare(op, actual, value_of(raw, resolve)) for op, raw in comparisons(value))
        if not ok:
            return False
    return True


def _compare(op: str, a: Any, b: Any) -> bool:
    try:
        return _OPS[op](a, b)
    except TypeError:
        return False


def compile_condition(cond: Any, resolve: ParamResolver) -> Callable[[Mapping[str, Any]], bool]:
    """The condition as one closure (parameters resolved once)."""
    tests: list[Callable[[Mapping[str, Any]], bool]] = []
    for key, value in cond.items():
        if key in ("all", "any"):
            inner = [compile_condition(c, resolve) for c in value]
            tests.append((lambda fs, inner=inner: all(t(fs) for t in inner)) if key == "all"
                         else (lambda fs, inner=inner: any(t(fs) for t in inner)))
            continue
        for op, raw in comparisons(value):
            fn, want = _OPS[op], value_of(raw, resolve)

            def test(fs: Mapping[str, Any], key: str = key, fn: Callable = fn, want: Any = want) -> bool:
                if key not in fs:
                    return False
                try:
                    return fn(fs[key], want)
                except TypeError:
                    return False
            tests.append(test)
    return lambda fs: all(t(fs) for t in tests)


Decisions = dict[str, list[int] | bool]  # rule id → matched record rows, or True for a subject-level rule


def _branches(rule: Rule) -> Callable[[Mapping[str, Any], Mapping[str, Any]], list[str]]:
    """Which alternatives of a bands/grade/rank/change rule hold, read directly from the YAML's definitions."""
    if rule.mode == "bands":
        def bands(values: Mapping[str, Any], computed: Mapping[str, Any]) -> list[str]:
            v = values.get(rule.fact)
            if v is None:
                return []
            return [branch_key(rule.id, i) for i, b in enumerate(rule.bands)
                    if (b.at_least is None or v >= b.at_least) and (b.below is None or v < b.below)]
        return bands
    if rule.mode == "grade":
        def grade(values: Mapping[str, Any], computed: Mapping[str, Any]) -> list[str]:
            return [branch_key(rule.id, i) for i, g in enumerate(_grades(rule)) if values.get(rule.fact) == g]
        return grade
    if rule.mode == "rank":
        spec = rule.rank
        assert spec is not None

        def rank(values: Mapping[str, Any], computed: Mapping[str, Any]) -> list[str]:
            out = []
            r = computed.get(rank_key(rule.id))
            previous = 0
            for i, band in enumerate(spec.ranks):
                if r is not None and previous < r and (band.up_to is None or r <= band.up_to):
                    out.append(branch_key(rule.id, i))
                previous = band.up_to or previous
            if spec.zero_amount is not None and values.get(rule.fact) == 0:
                out.append(branch_key(rule.id, "zero"))
            return out
        return rank
    spec_c = rule.change
    assert spec_c is not None

    def change(values: Mapping[str, Any], computed: Mapping[str, Any]) -> list[str]:
        d = computed.get(delta_key(rule.id))
        if d is None or d == 0:
            return []
        better = d > 0 if spec_c.better == "升高" else d < 0
        return [branch_key(rule.id, "gain" if better else "loss")]
    return change


_GRADES: dict[str, tuple[str, ...]] = {}


def _grades(rule: Rule) -> tuple[str, ...]:
    return _GRADES[rule.id]


def reader(block: CompiledBlock) -> Callable[..., Decisions]:
    """A function deciding, for one subject, which rules of the block apply (the engine's job, done in Python):
    `decide(subject, values=None, computed=None)` with the same keys the engine reports."""
    scheme = block.scheme
    resolve = resolver(scheme, block.as_of)
    checks: list[tuple[str, Rule, Callable]] = []
    for rid, cr in block.rules.items():
        rule = cr.rule
        if rule.mode == "count":
            name = rule.count_fact
            checks.append((rid, rule, lambda vs, name=name: (vs.get(name) or 0) > 0))
        elif rule.mode in ("bands", "grade", "rank", "change"):
            if rule.mode == "grade":
                scale = scheme.grade_scale(scheme.fact(rule.fact).scale)  # type: ignore[union-attr]
                _GRADES[rule.id] = scale.names()  # type: ignore[union-attr]
            checks.append((rid, rule, _branches(rule)))
        else:
            checks.append((rid, rule, compile_condition(rule.condition or {}, resolve)))
    outcomes = [(f"veto:{v.id}", compile_condition(v.when, resolve)) for v in block.vetoes]
    outcomes += [(f"elig:{e.id}", compile_condition(e.when, resolve)) for e in block.eligibility if e.when is not None]
    most = [(f"elig:{e.id}", most_key(e.id), e.top, e.most) for e in block.eligibility if e.most]
    derived = {r.id: [(x.id, DERIVATIONS[x.function], x.field,
                       resolve(x.threshold["param"]) if isinstance(x.threshold, dict) else Decimal(str(x.threshold)))
                      for x in r.derived] for r in block.records}

    def decide(subject: SubjectInput, values: Mapping[str, Any] | None = None,
               computed: Mapping[str, Any] | None = None) -> Decisions:
        values = subject.facts if values is None else values
        computed = computed or {}
        rows: dict[str, list[dict]] = {}
        for rec_id, ds in derived.items():
            full = []
            for row in subject.records.get(rec_id, []):
                if ds:
                    row = dict(row)
                    for xid, fn, fld, th in ds:
                        row[xid] = fn(row.get(fld) or [], th)
                full.append(row)
            rows[rec_id] = full
        out: Decisions = {}
        for rid, rule, test in checks:
            if rule.mode in ("count", "when"):
                if test(values):
                    out[rid] = True
            elif rule.mode in ("bands", "grade", "rank", "change"):
                for key in test(values, computed):
                    out[key] = True
            elif rule.by:
                for i, (level, _) in enumerate(rule.amounts):
                    hit = [j for j, row in enumerate(rows.get(rule.record, [])) if row.get(rule.by) == level and test(row)]
                    if hit:
                        out[branch_key(rid, i)] = hit
            else:
                hit = [j for j, row in enumerate(rows.get(rule.record, [])) if test(row)]
                if hit:
                    out[rid] = hit
        for key, test in outcomes:
            if test(values):
                out[key] = True
        for key, rank_field, top, name in most:
            r = computed.get(rank_field)
            if r is not None and r <= top and (values.get(name) or 0) > 0:
                out[key] = True
        return out

    return decide
