"""Build a subject's Trace from a Result."""

from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal

from ..compile.scheme import CompiledBlock, compile_block
from ..errors import Location, Problem, UsageError
from ..model.results import Deduction, Outcome, Result, SubjectResult
from ..model.scheme import Category, Rule, Scheme
from ..numbers import fmt
from ..model.submission import SubjectInput
from .model import PREVIOUS, CategoryTrace, FactRead, RecordRead, RuleTrace, Trace


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
    values = {**res.input.attributes, **res.input.facts, **{k: m.value for k, m in res.measures.items()}}
    for top in scheme.categories_for(res.block):
        for cat, depth in _walk(top):
            cr = res.category(cat.id)
            applied = {d.rule_id: d for d in cr.deductions}
            rules = tuple(_rule(block, rule, res.input, applied.get(rule.id), values) for rule in cat.rules)
            categories.append(CategoryTrace(cat.id, cat.name, cat.points, cr.deducted, cat.floor, cr.floor_cut, cr.score,
                                            rules, tuple((k.no, k.text) for k in cat.clauses),
                                            tuple((n.no, n.text) for n in cat.notes), depth, cat.method, cr.added,
                                            cr.base, cr.cap_cut, cr.rounded_from, cr.weight))
    outcomes = tuple(_outcome(o, "一票否决") for o in res.vetoes) + tuple(_outcome(o, "评优限制") for o in res.limits)
    return Trace(res.name, res.block, scheme.id, version or scheme.version, rules_hash or scheme.content_hash, as_of,
                 tuple(categories), res.total, res.rank, res.rank_note, res.award, res.award_note, res.points,
                 res.rounded_from, res.grade, res.grade_by_score, outcomes,
                 tuple((m.id, m.name, m.value, m.detail) for m in res.measures.values()))


def _walk(cat: Category, depth: int = 0) -> list[tuple[Category, int]]:
    return [(cat, depth), *(x for c in cat.children for x in _walk(c, depth + 1))]


def _outcome(o: Outcome, kind: str) -> str:
    effects = [f"总分记 {fmt(o.score)} 分" if o.score is not None else "",
               (f"等级定为{o.grade}" if kind == "一票否决" else f"等级最高为{o.grade}") if o.grade else "",
               f"不参加“{'、'.join(o.award_names or o.awards)}”评比" if o.awards else "",
               "不参加任何评比" if kind == "评优限制" and not o.awards and not o.grade else ""]
    return f"{kind}（{o.id}）{o.name}：{'；'.join(e for e in effects if e)}；依据：{o.detail}"


def _facts(block: CompiledBlock, subject: SubjectInput, names: tuple[str, ...], values: dict) -> tuple[FactRead, ...]:
    def origin(n: str) -> str:
        if n in subject.supplied:
            return "填报"
        if n in subject.facts:
            return "默认值"
        return "属性" if n in subject.attributes else "计算"
    return tuple(FactRead(n, block.fact_names.get(n, n), values.get(n), origin(n)) for n in names)


def _previous(block: CompiledBlock, subject: SubjectInput, fact: str) -> FactRead:
    """The previous period's value a change rule compared with, and where it came from."""
    run = subject.previous_from.get(fact)
    value = subject.previous.get(fact)
    origin = run.citation if run is not None else "填报" if value is not None else "没有上期值"
    return FactRead(PREVIOUS + fact, "上期" + block.fact_names.get(fact, fact), value, origin, run)


def _rule(block: CompiledBlock, rule: Rule, subject: SubjectInput, d: Deduction | None, values: dict) -> RuleTrace:
    compiled = block.rules.get(rule.id)
    if compiled is None:
        return RuleTrace(rule.id, rule.clause_no, rule.text, "", "not-in-force", unit=rule.unit, cap=rule.cap)
    rows = subject.records.get(rule.record, []) if rule.mode == "each" else []
    facts = _facts(block, subject, compiled.reads, values) if rule.mode != "each" else ()
    if rule.mode == "change":
        facts += (_previous(block, subject, rule.fact),)
    if d is None:
        return RuleTrace(rule.id, rule.clause_no, rule.text, compiled.condition_text, "not-applied", facts,
                         records_read=len(rows), unit=rule.unit, amount=compiled.amount, cap=rule.cap, link=compiled.link,
                         effect=rule.effect if rule.mode != "change" else 0)
    records: tuple[RecordRead, ...] = ()
    if rule.mode == "each":
        records = tuple(RecordRead(rule.record, e["index"] - 1, e["row"]) for e in d.evidence)
    return RuleTrace(rule.id, rule.clause_no, rule.text, d.condition, "applied", facts, records, len(rows), d.quantity,
                     d.unit, d.amount, d.gross, rule.cap, d.capped, d.subtotal, d.link, d.effect, d.detail,
                     tuple(d.breakdown))


def total_of(trace: Trace) -> Decimal:
    return sum((c.score * (c.weight if c.weight is not None else 1) for c in trace.categories if c.depth == 0),
               Decimal(0))
