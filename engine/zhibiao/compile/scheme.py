"""Compile a scheme (one block, at one date) into durable-rules rules, once; evaluate many times.

Every condition of every rule becomes an engine pattern, including conditions over ordered sequences, so the
engine, not Python, decides that three checks in a row were low:
- “到课率连续低于50%的最多次数 ≥ 3” (a run) is unrolled over the positions of the list: one engine rule per window
  of 3 consecutive positions, each testing that all three values are below the threshold (the list's values are
  fields `f.rates.0`, `f.rates.1`, … of the record fact; the window that matched is reported as evidence);
- “低于50%的次数 ≥ 3” (a count, positions anywhere) becomes a join of 3 element facts of the same record in
  increasing positions.
Unrolling is about twice as fast as a join in durable-rules (measured: bench/), which matters on province data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field as dataclass_field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..conditions import COMBINATORS, comparisons, describe, fields_used
from ..limits import DEFAULT
from ..model.results import rule_link
from ..model.scheme import RecordDef, Rule, Scheme
from ..numbers import engine_value
from . import engine_rules
from .conditions import KIND, kind_pattern, to_durable

SUBJECT = "s"


@dataclass(frozen=True)
class EngineNames:
    """Short engine keys for one scheme's names: every fact and record field → `f<n>`, every record list → `r<n>`.
    Never a name the engine uses itself (id, sid, $k, r, n, v), whatever the scheme calls its facts."""

    fields: dict[str, str]
    records: dict[str, str]

    def field(self, name: str) -> str:
        return self.fields[name]

    def record(self, record: str) -> str:
        return self.records[record]

    def element(self, record: str, list_field: str) -> str:
        return f"e{self.records[record][1:]}.{self.fields[list_field]}"


@lru_cache(maxsize=64)
def engine_names(scheme: Scheme) -> EngineNames:
    names = [f.id for f in scheme.facts] + [x.id for r in scheme.records for x in r.fields]
    return EngineNames({n: f"f{i}" for i, n in enumerate(dict.fromkeys(names))},
                       {r.id: f"r{i}" for i, r in enumerate(scheme.records)})


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
    elements: dict[str, tuple[str, ...]]  # record id → list fields asserted as element facts (count sequences)
    unrolled: dict[str, tuple[str, ...]]  # record id → list fields laid out as positional fields (run sequences)
    # What the engine is given: only what some rule in force reads, as (name, engine key) pairs
    fact_keys: tuple[tuple[str, str], ...] = ()
    record_keys: dict[str, tuple[tuple[str, str], ...]] = dataclass_field(default_factory=dict)
    names: EngineNames = EngineNames({}, {})


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


def unrolled(rule: Rule, seqs: tuple[Sequence, ...]) -> bool:
    """One run-sequence condition (the common “N in a row”) is unrolled into windows; anything else joins."""
    return len(seqs) == 1 and seqs[0].run


def _windows(scheme: Scheme, rule: Rule, as_of: dt.date, seq: Sequence) -> list[tuple[tuple[str, dict], tuple]]:
    resolve = resolver(scheme, as_of)
    names = engine_names(scheme)
    rest = to_durable(rule.condition or {}, resolve, frozenset({seq.derived}), names.field)
    below = engine_value(seq.threshold)
    out = []
    for start in range(DEFAULT.list_items - seq.size + 1):
        tests: list[dict] = [{KIND: names.record(rule.record)}]
        tests += [{"$lt": {f"{names.field(seq.field)}.{i}": below}} for i in range(start, start + seq.size)]
        if rest is not None:
            tests.append(rest)
        tag = tuple((f"q0_{k + 1}", start + k) for k in range(seq.size))
        out.append((("m", {"$and": tests}), tag))
    return out


def _sequence_conditions(kind: str, seq: Sequence, prefix: str) -> list[tuple[str, dict]]:
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
    names = engine_names(scheme)
    if rule.mode == "count":
        return [("m", kind_pattern(SUBJECT, {"$gt": {names.field(rule.count_fact): 0}}))]
    resolve = resolver(scheme, as_of)
    if rule.mode == "when":
        return [("m", kind_pattern(SUBJECT, to_durable(rule.condition or {}, resolve, key_of=names.field)))]
    skip = frozenset(s.derived for s in seqs)
    out = [("m", kind_pattern(names.record(rule.record), to_durable(rule.condition or {}, resolve, skip, names.field)))]
    for i, seq in enumerate(seqs):
        out += _sequence_conditions(names.element(rule.record, seq.field), seq, f"q{i}_")
    return out


def amount_at(rule: Rule, as_of: dt.date) -> Decimal | None:
    """The rule's amount on that date, or None when it is not in force."""
    return rule.amount.at(as_of) if rule.amount.values[0].start <= as_of else None


@lru_cache(maxsize=256)
def compile_block(scheme: Scheme, block: str, as_of: dt.date) -> CompiledBlock:
    rules: dict[str, CompiledRule] = {}
    engine: list[engine_rules.MatchRule] = []
    elements: dict[str, set[str]] = {}
    laid_out: dict[str, set[str]] = {}
    for rule in scheme.rules_for(block):
        amount = amount_at(rule, as_of)
        if amount is None:
            continue  # not in force on that date
        seqs = sequences(scheme, rule, as_of)
        reads = (rule.count_fact,) if rule.mode == "count" else tuple(sorted(fields_used(rule.condition or {})))
        rules[rule.id] = CompiledRule(rule, amount, condition_text(scheme, rule, as_of), rule_link(scheme.id, rule.id),
                                      reads, seqs)
        if unrolled(rule, seqs):
            laid_out.setdefault(rule.record, set()).add(seqs[0].field)
            engine += [engine_rules.MatchRule(rule.id, (cond,), tag) for cond, tag in _windows(scheme, rule, as_of, seqs[0])]
            continue
        for s in seqs:
            elements.setdefault(rule.record, set()).add(s.field)
        engine.append(engine_rules.MatchRule(rule.id, tuple(conditions(scheme, rule, as_of, seqs))))
    program = engine_rules.program(f"zb_{scheme.id.replace('-', '_')}_{block}", engine, namespace=f"scheme:{scheme.id}")
    params = {p.id: (p.values.at(as_of) if p.values.values[0].start <= as_of else None) for p in scheme.parameters}
    order = {r.id: i for i, r in enumerate(scheme.rules)}
    names = engine_names(scheme)
    read = {r.rule.id: set(r.reads) - {s.derived for s in r.sequences} for r in rules.values()}
    subject_reads = sorted({n for r in rules.values() if r.rule.mode != "each" for n in read[r.rule.id]})
    record_reads: dict[str, set[str]] = {}
    for r in rules.values():
        if r.rule.mode == "each":
            record_reads.setdefault(r.rule.record, set()).update(read[r.rule.id])
    return CompiledBlock(scheme, block, as_of, rules, program, params, order, {f.id: f.name for f in scheme.facts},
                         tuple(f.id for f in scheme.facts_for(block)), scheme.records_for(block),
                         {k: tuple(sorted(v)) for k, v in elements.items()},
                         {k: tuple(sorted(v)) for k, v in laid_out.items()},
                         tuple((n, names.field(n)) for n in subject_reads),
                         {k: tuple((n, names.field(n)) for n in sorted(v)) for k, v in record_reads.items()}, names)
