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
from ..model.outcomes import Eligibility, Veto
from ..model.results import rule_link
from ..model.scheme import Measure, RecordDef, Rule, Scheme
from ..numbers import engine_value
from . import engine_rules
from .conditions import KIND, field, kind_pattern, to_durable
from .describe import name_of, rule_text

SUBJECT = "s"
COMPUTED = "q."   # engine-computed inputs of a subject (ranks, changes): never a scheme name


def rank_key(rule_id: str) -> str:
    return f"{COMPUTED}rank.{rule_id}"


def delta_key(rule_id: str) -> str:
    return f"{COMPUTED}delta.{rule_id}"


def most_key(elig_id: str) -> str:
    return f"{COMPUTED}most.{elig_id}"


def branch_key(rule_id: str, branch: int | str) -> str:
    """The engine key of one alternative of a rule (a band, a grade, a level, a rank band, gain/loss)."""
    return f"{rule_id}#{branch}"


def split_key(key: str) -> tuple[str, str]:
    """`rid#2` → (rid, "2"); `rid` → (rid, "")."""
    rid, _, branch = key.partition("#")
    return rid, branch


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


def record_kind(record: str) -> str:
    """The kind of a record fact in the passes before the rules (measures over records), which keep `f.<name>`."""
    return f"r.{record}"


@lru_cache(maxsize=64)
def engine_names(scheme: Scheme) -> EngineNames:
    # Subject-level names of the general language (attributes, measures) share the subject fact with the facts.
    names = [f.id for f in scheme.facts] + [x.id for r in scheme.records for x in r.fields]
    names += [a.id for b in scheme.blocks for a in b.attributes] + [m.id for m in scheme.measures]
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
    vetoes: tuple[Veto, ...] = ()
    eligibility: tuple[Eligibility, ...] = ()
    computed: tuple[str, ...] = ()   # engine keys computed before the pass (ranks, changes, “most”)


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
    if rule.mode in ("bands", "grade", "rank", "change") or (rule.mode == "each" and rule.by):
        return rule_text(scheme, rule)
    if rule.mode == "count":
        f = scheme.fact(rule.count_fact)
        if f is None:  # a measure: computed, not submitted
            return f"{name_of(scheme, rule.count_fact)} > 0，按计算所得的数值计"
        return f"{f.name} > 0，按填报数量计"
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
    """The rule's amount on that date, or None when it is not in force (a rule whose amounts sit in its bands,
    levels or rank bands is in force from the scheme's effective date: 0 here)."""
    if rule.amount is None:
        return Decimal(0)
    return rule.amount.at(as_of) if rule.amount.values[0].start <= as_of else None


def _num(v: Decimal) -> int | float:
    return engine_value(v)


def branches(scheme: Scheme, rule: Rule, as_of: dt.date) -> list[tuple[str, tuple[tuple[str, dict], ...]]]:
    """The engine rules of a rule whose amount depends on which alternative holds: one per band, grade, level,
    rank band or direction of change, so the engine (not Python) decides which one applies."""
    out: list[tuple[str, tuple[tuple[str, dict], ...]]] = []
    resolve = resolver(scheme, as_of)
    names = engine_names(scheme)
    field = names.field
    if rule.mode == "bands":
        for i, b in enumerate(rule.bands):
            tests = []
            if b.at_least is not None:
                tests.append({"$gte": {field(rule.fact): _num(b.at_least)}})
            if b.below is not None:
                tests.append({"$lt": {field(rule.fact): _num(b.below)}})
            rest = {"$and": tests} if len(tests) > 1 else tests[0] if tests else {"$ex": {field(rule.fact): 1}}
            out.append((branch_key(rule.id, i), (("m", kind_pattern(SUBJECT, rest)),)))
    elif rule.mode == "grade":
        scale = scheme.grade_scale(scheme.fact(rule.fact).scale)  # type: ignore[union-attr]
        for i, (grade, _) in enumerate(scale.grades):  # type: ignore[union-attr]
            out.append((branch_key(rule.id, i), (("m", kind_pattern(SUBJECT, {field(rule.fact): grade})),)))
    elif rule.mode == "each":  # with `by`: one engine rule per level
        where = to_durable(rule.condition or {}, resolve, key_of=field)
        for i, (level, _) in enumerate(rule.amounts):
            tests = [{field(rule.by): level}] + ([where] if where is not None else [])
            pattern = kind_pattern(names.record(rule.record), tests[0] if len(tests) == 1 else {"$and": tests})
            out.append((branch_key(rule.id, i), (("m", pattern),)))
    elif rule.mode == "rank":
        spec = rule.rank
        assert spec is not None
        key = rank_key(rule.id)
        previous = 0
        for i, band in enumerate(spec.ranks):
            tests = [{"$gt": {key: previous}}]
            if band.up_to is not None:
                tests.append({"$lte": {key: band.up_to}})
                previous = band.up_to
            out.append((branch_key(rule.id, i), (("m", kind_pattern(SUBJECT, {"$and": tests})),)))
        if spec.zero_amount is not None:
            out.append((branch_key(rule.id, "zero"), (("m", kind_pattern(SUBJECT, {field(rule.fact): 0})),)))
    elif rule.mode == "change":
        spec = rule.change
        assert spec is not None
        up, down = ("$gt", "$lt") if spec.better == "升高" else ("$lt", "$gt")
        out.append((branch_key(rule.id, "gain"), (("m", kind_pattern(SUBJECT, {up: {delta_key(rule.id): 0}})),)))
        out.append((branch_key(rule.id, "loss"), (("m", kind_pattern(SUBJECT, {down: {delta_key(rule.id): 0}})),)))
    return out


def outcome_rules(scheme: Scheme, block: str, as_of: dt.date) -> list[engine_rules.MatchRule]:
    """Vetoes and eligibility limits, decided in the same pass as the rules."""
    resolve = resolver(scheme, as_of)
    field = engine_names(scheme).field
    out = []
    for v in scheme.vetoes_for(block):
        out.append(engine_rules.single(f"veto:{v.id}", kind_pattern(SUBJECT, to_durable(v.when, resolve, key_of=field))))
    for e in scheme.eligibility_for(block):
        if e.when is not None:
            pattern = to_durable(e.when, resolve, key_of=field)
        else:  # among the `top` with the most, ties included; a value of 0 is never “the most”
            pattern = {"$and": [{"$lte": {most_key(e.id): e.top}}, {"$gt": {field(e.most): 0}}]}
        out.append(engine_rules.single(f"elig:{e.id}", kind_pattern(SUBJECT, pattern)))
    return out


@lru_cache(maxsize=256)
def compile_block(scheme: Scheme, block: str, as_of: dt.date) -> CompiledBlock:
    rules: dict[str, CompiledRule] = {}
    engine: list[engine_rules.MatchRule] = []
    elements: dict[str, set[str]] = {}
    laid_out: dict[str, set[str]] = {}
    computed: list[str] = []
    for rule in scheme.rules_for(block):
        amount = amount_at(rule, as_of)
        if amount is None:
            continue  # not in force on that date
        seqs = sequences(scheme, rule, as_of)
        if rule.mode == "when":
            reads = tuple(sorted(fields_used(rule.condition or {})))
        elif rule.mode == "each":
            reads = tuple(sorted(fields_used(rule.condition or {}) | ({rule.by} if rule.by else set())))
        else:
            reads = (rule.reads,) + ((rule.rank.among,) if rule.rank and rule.rank.among else ())
        rules[rule.id] = CompiledRule(rule, amount, condition_text(scheme, rule, as_of), rule_link(scheme.id, rule.id),
                                      reads, seqs)
        if rule.mode == "rank":
            computed.append(rank_key(rule.id))
        if rule.mode == "change":
            computed.append(delta_key(rule.id))
        if rule.mode in ("bands", "grade", "rank", "change") or (rule.mode == "each" and rule.by):
            engine += [engine_rules.MatchRule(key, conds) for key, conds in branches(scheme, rule, as_of)]
            continue
        if unrolled(rule, seqs):
            laid_out.setdefault(rule.record, set()).add(seqs[0].field)
            engine += [engine_rules.MatchRule(rule.id, (cond,), tag) for cond, tag in _windows(scheme, rule, as_of, seqs[0])]
            continue
        for s in seqs:
            elements.setdefault(rule.record, set()).add(s.field)
        engine.append(engine_rules.MatchRule(rule.id, tuple(conditions(scheme, rule, as_of, seqs))))
    engine += outcome_rules(scheme, block, as_of)
    computed += [most_key(e.id) for e in scheme.eligibility_for(block) if e.most]
    program = engine_rules.program(f"zb_{scheme.id.replace('-', '_')}_{block}", engine, namespace=f"scheme:{scheme.id}")
    params = {p.id: (p.values.at(as_of) if p.values.values[0].start <= as_of else None) for p in scheme.parameters}
    order = {r.id: i for i, r in enumerate(scheme.rules)}
    names = engine_names(scheme)
    read = {r.rule.id: set(r.reads) - {s.derived for s in r.sequences} for r in rules.values()}
    subject_reads = {n for r in rules.values() if r.rule.mode != "each" for n in read[r.rule.id]}
    subject_reads |= set(scheme.names_read(block))
    record_reads: dict[str, set[str]] = {}
    for r in rules.values():
        if r.rule.mode == "each":
            record_reads.setdefault(r.rule.record, set()).update(read[r.rule.id])
    fact_names = {f.id: f.name for f in scheme.facts} | {m.id: m.name for m in scheme.measures}
    fact_names |= {a.id: a.name for b in scheme.blocks if b.id == block for a in b.attributes}
    return CompiledBlock(scheme, block, as_of, rules, program, params, order, fact_names,
                         tuple(f.id for f in scheme.facts_for(block)), scheme.records_for(block),
                         {k: tuple(sorted(v)) for k, v in elements.items()},
                         {k: tuple(sorted(v)) for k, v in laid_out.items()},
                         tuple((n, names.field(n)) for n in sorted(subject_reads)),
                         {k: tuple((n, names.field(n)) for n in sorted(v)) for k, v in record_reads.items()},
                         names, scheme.vetoes_for(block), scheme.eligibility_for(block), tuple(computed))


def measure_program(scheme: Scheme, block: str, as_of: dt.date) -> engine_rules.Program | None:
    """The engine rules deciding which records each record measure of a block counts (one pass before the rules)."""
    resolve = resolver(scheme, as_of)
    rules = [engine_rules.single(f"m:{m.id}", kind_pattern(record_kind(m.records), to_durable(m.where or {}, resolve)))
             for m in scheme.measures_for(block) if m.records]
    if not rules:
        return None
    return engine_rules.program(f"zbm_{scheme.id.replace('-', '_')}_{block}", rules, namespace=f"measures:{scheme.id}")


MEMBER = "mbr"


def member_program(measures: tuple[Measure, ...], scheme: Scheme, as_of: dt.date) -> engine_rules.Program | None:
    """The engine rules deciding which members each roll-up counts (share, count, or a filtered mean…)."""
    resolve = resolver(scheme, as_of)
    rules = [engine_rules.single(f"m:{m.id}", kind_pattern(MEMBER, to_durable(m.where, resolve)))
             for m in measures if m.where]
    if not rules:
        return None
    return engine_rules.program(f"zbr_{scheme.id.replace('-', '_')}_{'_'.join(sorted(m.id for m in measures))}",
                                rules, namespace=f"measures:{scheme.id}")


def member_keys(measures: tuple[Measure, ...]) -> tuple[str, ...]:
    """What of a member the roll-up conditions read (total, grade, categories, facts…)."""
    return tuple(sorted({n for m in measures if m.where for n in fields_used(m.where)}))

