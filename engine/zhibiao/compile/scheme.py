"""Compile a scheme (one block, at one date) into durable-rules rules, once; evaluate many times.

Every condition of every rule becomes an engine pattern, including conditions over ordered sequences: a derived
value such as “到课率连续低于50%的最多次数 ≥ 3” becomes a join of three element facts of the same record with
consecutive positions, each below the threshold — so the engine, not Python, decides that three in a row were low.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..conditions import COMBINATORS, comparisons, describe, fields_used
from ..model.results import rule_link
from ..model.scheme import RecordDef, Rule, Scheme
from ..numbers import engine_value
from . import engine_rules
from .conditions import KIND, field, kind_pattern, to_durable

SUBJECT = "s"


def record_kind(record: str) -> str:
    return f"r.{record}"


def element_kind(record: str, list_field: str) -> str:
    return f"e.{record}.{list_field}"


@dataclass(frozen=True)
class Sequence:
    """“at least `size` values of `field` below `threshold`” — consecutive ones (`run`) or any (`count`)."""

    derived: str
    field: str
    threshold: Decimal
    size: int
    run: bool


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    amount: Decimal
    condition_text: str
    link: str
    reads: tuple[str, ...]          # subject facts (when / count) or record fields (each) it reads
    sequences: tuple[Sequence, ...] = ()


@dataclass(frozen=True, eq=False)  # identity: one per scheme, block and date (cached below)
class CompiledBlock:
    scheme: Scheme
    block: str
    as_of: dt.date
    rules: dict[str, CompiledRule]
    program: engine_rules.Program
    params: dict[str, Decimal | None]
    order: dict[str, int]            # rule id → position in the scheme (deductions are listed in this order)
    fact_names: dict[str, str]
    facts: tuple[str, ...]           # the subject facts this block's rules read (asserted as one fact)
    records: tuple[RecordDef, ...]   # record lists this block's rules read (one fact per row)
    elements: dict[str, tuple[str, ...]]  # record id → list fields asserted as element facts (sequences)


def resolver(scheme: Scheme, as_of: dt.date):
    def resolve(name: str) -> Decimal | None:
        p = scheme.parameter(name)
        if p is None:
            raise KeyError(name)
        return p.values.at(as_of)
    return resolve


def _names(scheme: Scheme, rule: Rule) -> dict[str, str]:
    if rule.mode == "each":
        rec = scheme.record(rule.record)
        if rec:
            return {f.id: f.name for f in rec.fields} | {x.id: x.name for x in rec.derived}
    return {f.id: f.name for f in scheme.facts}


def condition_text(scheme: Scheme, rule: Rule, as_of: dt.date) -> str:
    if rule.mode == "count":
        f = scheme.fact(rule.count_fact)
        return f"{f.name if f else rule.count_fact} > 0，按填报数量计"
    text = describe(rule.condition or {}, _names(scheme, rule), resolver(scheme, as_of))
    if rule.mode == "each":
        rec = scheme.record(rule.record)
        return f"每条“{rec.name if rec else rule.record}”记录：{text}"
    return text


def _top_level(cond: dict) -> list[tuple[str, Any]]:
    """The conjuncts of a condition: its own keys and those of top-level `all` lists."""
    out: list[tuple[str, Any]] = []
    for key, value in cond.items():
        if key == "all":
            for sub in value:
                out += _top_level(sub)
        elif key not in COMBINATORS:
            out.append((key, value))
    return out


def sequences(scheme: Scheme, rule: Rule, as_of: dt.date) -> tuple[Sequence, ...]:
    rec = scheme.record(rule.record) if rule.mode == "each" else None
    if rec is None or not rec.derived:
        return ()
    resolve = resolver(scheme, as_of)
    derived = {x.id: x for x in rec.derived}
    out = []
    for key, value in _top_level(rule.condition or {}):
        x = derived.get(key)
        if x is None:
            continue
        op, raw = comparisons(value)[0]
        n = resolve(raw["param"]) if isinstance(raw, dict) else raw
        size = int(n) + (1 if op == "gt" else 0)
        th = x.threshold
        threshold = resolve(th["param"]) if isinstance(th, dict) else Decimal(str(th))
        out.append(Sequence(x.id, x.field, threshold, size, x.function == "longest_run_below"))
    return tuple(out)


def _sequence_conditions(record: str, seq: Sequence, prefix: str) -> list[tuple[str, dict]]:
    kind = element_kind(record, seq.field)
    below = {"$lt": {"v": engine_value(seq.threshold)}}
    out: list[tuple[str, dict]] = []
    for k in range(1, seq.size + 1):
        alias = f"{prefix}{k}"
        parts: list[dict] = [{KIND: kind}, {"r": {"m": "id"}}, below]
        if k > 1:
            prev = f"{prefix}{k - 1}"
            parts.append({"n": {"$add": {"$l": {prev: "n"}, "$r": 1}}} if seq.run else {"$gt": {"n": {prev: "n"}}})
        out.append((alias, {"$and": parts}))
    return out


def conditions(scheme: Scheme, rule: Rule, as_of: dt.date, seqs: tuple[Sequence, ...]) -> list[tuple[str, dict]]:
    """The rule as durable-rules conditions: alias `m` is the subject or record fact; joins follow."""
    if rule.mode == "count":
        return [("m", kind_pattern(SUBJECT, {"$gt": {field(rule.count_fact): 0}}))]
    resolve = resolver(scheme, as_of)
    if rule.mode == "when":
        return [("m", kind_pattern(SUBJECT, to_durable(rule.condition or {}, resolve)))]
    skip = frozenset(s.derived for s in seqs)
    out = [("m", kind_pattern(record_kind(rule.record), to_durable(rule.condition or {}, resolve, skip)))]
    for i, seq in enumerate(seqs):
        out += _sequence_conditions(rule.record, seq, f"q{i}_")
    return out


def amount_at(rule: Rule, as_of: dt.date) -> Decimal | None:
    """The rule's amount on that date, or None when it is not in force."""
    return rule.amount.at(as_of) if rule.amount.values[0].start <= as_of else None


@lru_cache(maxsize=256)
def compile_block(scheme: Scheme, block: str, as_of: dt.date) -> CompiledBlock:
    rules: dict[str, CompiledRule] = {}
    engine: list[engine_rules.MatchRule] = []
    elements: dict[str, set[str]] = {}
    for rule in scheme.rules_for(block):
        amount = amount_at(rule, as_of)
        if amount is None:
            continue  # not in force on that date
        seqs = sequences(scheme, rule, as_of)
        for s in seqs:
            elements.setdefault(rule.record, set()).add(s.field)
        reads = (rule.count_fact,) if rule.mode == "count" else tuple(sorted(fields_used(rule.condition or {})))
        rules[rule.id] = CompiledRule(rule, amount, condition_text(scheme, rule, as_of), rule_link(scheme.id, rule.id),
                                      reads, seqs)
        engine.append(engine_rules.MatchRule(rule.id, tuple(conditions(scheme, rule, as_of, seqs))))
    program = engine_rules.program(f"zb_{scheme.id.replace('-', '_')}_{block}", engine, namespace=f"scheme:{scheme.id}")
    params = {p.id: (p.values.at(as_of) if p.values.values[0].start <= as_of else None) for p in scheme.parameters}
    order = {r.id: i for i, r in enumerate(scheme.rules)}
    return CompiledBlock(scheme, block, as_of, rules, program, params, order, {f.id: f.name for f in scheme.facts},
                         tuple(f.id for f in scheme.facts_for(block)), scheme.records_for(block),
                         {k: tuple(sorted(v)) for k, v in elements.items()})
