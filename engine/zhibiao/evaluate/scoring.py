"""Score subjects: the engine decides which rules apply to which facts and records; this module adds up exactly.

Python never re-decides a condition here: it turns the engine's matches into deductions (quantity × amount —
the count fact's value, or the number of matching records), applies each rule's cap and the category floor, and
keeps the evidence (the facts and rows the rule read, and for sequence conditions which positions the engine
joined).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Callable, Iterable, Iterator

from ..compile.python import Decisions, reader
from ..compile.scheme import CompiledBlock, compile_block
from ..model.results import CategoryResult, Deduction, SubjectResult
from ..model.scheme import Category, Scheme
from ..model.submission import SubjectInput
from . import engine
from .facts import row_of, subject_facts

Joined = dict[str, list[tuple[int, tuple[tuple[str, int], ...]]]]  # rule → (row, joined element positions)
Decide = Callable[[CompiledBlock, list[SubjectInput]], Iterator[tuple[Decisions, Joined]]]


def engine_decisions(block: CompiledBlock, subjects: list[SubjectInput]) -> Iterator[tuple[Decisions, Joined]]:
    """For each subject, what the engine decided: rule id → True (subject-level) or the matching rows; and for
    rules with sequence conditions, the positions it joined (kept for the evidence)."""
    groups = (subject_facts(block, i, s) for i, s in enumerate(subjects))
    for matches in engine.ruleset(block.program).match_groups(groups):
        out: Decisions = {}
        joined: Joined = {}
        for m in matches:
            if block.rules[m.rule].rule.mode == "each":
                rows = out.setdefault(m.rule, [])
                row = row_of(m.fact_id)
                if row not in rows:  # type: ignore[operator]
                    rows.append(row)  # type: ignore[union-attr]
                if m.joined:
                    joined.setdefault(m.rule, []).append((row, m.joined))
            else:
                out[m.rule] = True
        yield out, joined


def _evidence_facts(block: CompiledBlock, subject: SubjectInput, names: Iterable[str]) -> list[dict]:
    return [{"fact": n, "name": block.fact_names.get(n, n), "value": subject.facts.get(n),
             "from": "填报" if n in subject.supplied else "默认值"} for n in names]


def _positions(joined: list[tuple[int, tuple[tuple[str, int], ...]]], row: int, prefix: str) -> str:
    """The list positions the engine joined for one sequence condition of one row, e.g. “第3、4、5、6次”."""
    hit = sorted({n for r, js in joined if r == row for a, n in js if a.startswith(prefix)})
    return "第" + "、".join(str(n + 1) for n in hit) + "次" if hit else ""


def _deduction(block: CompiledBlock, subject: SubjectInput, rule_id: str, decided: Decisions,
               joined: Joined) -> Deduction:
    cr = block.rules[rule_id]
    rule = cr.rule
    if rule.mode == "count":
        qty = Decimal(subject.facts[rule.count_fact])
        evidence = _evidence_facts(block, subject, cr.reads)
    elif rule.mode == "when":
        qty = Decimal(1)
        evidence = _evidence_facts(block, subject, cr.reads)
    else:
        rows = sorted(decided[rule_id])  # type: ignore[arg-type]
        qty = Decimal(len(rows))
        source = subject.records.get(rule.record, [])
        evidence = []
        for j in rows:
            row = dict(source[j])
            for i, seq in enumerate(cr.sequences):
                row[seq.derived] = _positions(joined.get(rule_id, []), j, f"q{i}_")
            evidence.append({"record": rule.record, "index": j + 1, "row": row})
    subtotal = qty * cr.amount
    capped = Decimal(0)
    if rule.cap is not None and subtotal > rule.cap:
        capped, subtotal = subtotal - rule.cap, rule.cap
    return Deduction(rule.id, rule.category_id, rule.clause_no, rule.text, cr.condition_text, qty, rule.unit,
                     cr.amount, subtotal, evidence, capped, cr.link)


def score_block(block: CompiledBlock, subjects: list[SubjectInput], fired: set[str] | None = None,
                decide: Decide = engine_decisions) -> Iterator[SubjectResult]:
    """Score subjects of one block, streaming: memory stays flat whatever the number of subjects.

    `decide` is the engine; the benchmark's floor and the differential test pass a plain-Python reading instead."""
    scheme = block.scheme
    categories = scheme.categories_for(block.block)
    for subject, (decided, joined) in zip(subjects, decide(block, subjects)):
        if fired is not None:
            fired.update(decided)
        deductions = [_deduction(block, subject, rid, decided, joined) for rid in decided]
        result = _assemble(scheme, subject, categories, deductions, block.order)
        result.input = subject
        yield result


def _assemble(scheme: Scheme, subject: SubjectInput, categories: tuple[Category, ...], deductions: list[Deduction],
              order: dict[str, int]) -> SubjectResult:
    results = []
    zero = Decimal(0)
    by_category: dict[str, list[Deduction]] = {}
    for d in deductions:
        by_category.setdefault(d.category_id, []).append(d)
    for cat in categories:
        ds = by_category.get(cat.id) or []
        if len(ds) > 1:
            ds.sort(key=lambda d: order[d.rule_id])
        deducted = sum((d.subtotal for d in ds), zero) if ds else zero
        raw = cat.points - deducted
        score = max(raw, scheme.category_floor)
        results.append(CategoryResult(cat.id, cat.name, cat.points, deducted, score - raw, score, ds))
    total = sum((c.score for c in results), Decimal(0))
    return SubjectResult(subject.name, subject.block, total, results)


def score_subjects(scheme: Scheme, subjects: list[SubjectInput], as_of: dt.date, fired: set[str] | None = None,
                   decide: Decide = engine_decisions) -> list[SubjectResult]:
    """Score subjects of any blocks, returning results in the input order."""
    out: dict[int, SubjectResult] = {}
    by_block: dict[str, list[int]] = {}
    for i, s in enumerate(subjects):
        by_block.setdefault(s.block, []).append(i)
    for bid, idxs in by_block.items():
        block = compile_block(scheme, bid, as_of)
        for i, res in zip(idxs, score_block(block, [subjects[i] for i in idxs], fired, decide)):
            out[i] = res
    return [out[i] for i in range(len(subjects))]


def python_decisions(block: CompiledBlock, subjects: list[SubjectInput]) -> Iterator[tuple[Decisions, Joined]]:
    """The plain-Python reading as a `decide` function (the benchmark's floor, the differential test)."""
    decide = _readers.get(block)
    if decide is None:
        decide = _readers[block] = reader(block)
    return ((decide(s), {}) for s in subjects)


_readers: dict[CompiledBlock, Callable[[SubjectInput], Decisions]] = {}
