"""Build a subject's Trace from a Result."""

from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal

from ..compile.scheme import CompiledBlock, compile_block
from ..errors import Location, Problem, UsageError
from ..model.results import Deduction, Result, SubjectResult
from ..model.scheme import Rule, Scheme
from ..model.submission import SubjectInput
from .model import CategoryTrace, FactRead, RecordRead, RuleTrace, Trace


def subject_of(result: Result, name: str) -> SubjectResult:
    found = result.find(name)
    if found is None:
        hint = difflib.get_close_matches(name, [s.name for s in result.subjects], n=1, cutoff=0.3)
        raise UsageError([Problem.of("score.subject-absent", Location(result.source), actual=name,
                                     suggestion=hint[0] if hint else "")])
    return found


def explain(result: Result, subject: str) -> Trace:
    """The full trace of one subject of a scored Result (every rule of its block, applied or not)."""
    res = subject_of(result, subject)
    if result.scheme is None or res.input is None:
        raise UsageError([Problem.of("score.subject-absent", Location(result.source), actual=subject)])
    return trace_subject(result.scheme, result.as_of, res, result.version, result.rules_hash)


def trace_subject(scheme: Scheme, as_of: dt.date, res: SubjectResult, version: str = "", rules_hash: str = "") -> Trace:
    """The trace of one scored subject (its result must carry its input)."""
    assert res.input is not None
    block = compile_block(scheme, res.block, as_of)
    categories = []
    for cat in scheme.categories_for(res.block):
        cr = res.category(cat.id)
        applied = {d.rule_id: d for d in cr.deductions}
        rules = tuple(_rule(block, rule, res.input, applied.get(rule.id)) for rule in cat.rules)
        categories.append(CategoryTrace(cat.id, cat.name, cat.points, cr.deducted, scheme.category_floor,
                                        cr.floor_cut, cr.score, rules, tuple((k.no, k.text) for k in cat.clauses),
                                        tuple((n.no, n.text) for n in cat.notes)))
    return Trace(res.name, res.block, scheme.id, version or scheme.version, rules_hash or scheme.content_hash, as_of,
                 tuple(categories), res.total, res.rank, res.rank_note, res.award, res.award_note)


def _facts(block: CompiledBlock, subject: SubjectInput, names: tuple[str, ...]) -> tuple[FactRead, ...]:
    return tuple(FactRead(n, block.fact_names.get(n, n), subject.facts.get(n),
                          "填报" if n in subject.supplied else "默认值") for n in names)


def _rule(block: CompiledBlock, rule: Rule, subject: SubjectInput, d: Deduction | None) -> RuleTrace:
    compiled = block.rules.get(rule.id)
    if compiled is None:
        return RuleTrace(rule.id, rule.clause_no, rule.text, "", "not-in-force", unit=rule.unit, cap=rule.cap)
    rows = subject.records.get(rule.record, []) if rule.mode == "each" else []
    facts = _facts(block, subject, compiled.reads) if rule.mode != "each" else ()
    if d is None:
        return RuleTrace(rule.id, rule.clause_no, rule.text, compiled.condition_text, "not-applied", facts,
                         records_read=len(rows), unit=rule.unit, amount=compiled.amount, cap=rule.cap, link=compiled.link)
    records: tuple[RecordRead, ...] = ()
    if rule.mode == "each":
        records = tuple(RecordRead(rule.record, e["index"] - 1, e["row"]) for e in d.evidence)
    return RuleTrace(rule.id, rule.clause_no, rule.text, d.condition, "applied", facts, records, len(rows), d.quantity,
                     d.unit, d.amount, d.quantity * d.amount, rule.cap, d.capped, d.subtotal, d.link)


def total_of(trace: Trace) -> Decimal:
    return sum((c.score for c in trace.categories), Decimal(0))
