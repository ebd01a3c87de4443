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
from .scheme import CompiledBlock, resolver

_OPS: dict[str, Callable[[Any, Any], bool]] = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt,
                                                "lte": operator.le, "gt": operator.gt, "gte": operator.ge}


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


def reader(block: CompiledBlock) -> Callable[[SubjectInput], Decisions]:
    """A function deciding, for one subject, which rules of the block apply (the engine's job, done in Python)."""
    scheme = block.scheme
    resolve = resolver(scheme, block.as_of)
    checks: list[tuple[str, Rule, Callable]] = []
    for rid, cr in block.rules.items():
        rule = cr.rule
        if rule.mode == "count":
            name = rule.count_fact
            checks.append((rid, rule, lambda s, name=name: s.facts.get(name, 0) > 0))
        else:
            checks.append((rid, rule, compile_condition(rule.condition or {}, resolve)))
    derived = {r.id: [(x.id, DERIVATIONS[x.function], x.field,
                       resolve(x.threshold["param"]) if isinstance(x.threshold, dict) else Decimal(str(x.threshold)))
                      for x in r.derived] for r in block.records}

    def decide(subject: SubjectInput) -> Decisions:
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
            if rule.mode == "count":
                if test(subject):
                    out[rid] = True
            elif rule.mode == "when":
                if test(subject.facts):
                    out[rid] = True
            else:
                hit = [j for j, row in enumerate(rows.get(rule.record, [])) if test(row)]
                if hit:
                    out[rid] = hit
        return out

    return decide
