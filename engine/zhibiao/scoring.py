"""Score subjects: prepare facts, let durable-rules find what applies, then add up exactly (Decimal).

The rule engine decides *which* rules apply to which facts/records; this module turns matches into
deductions (quantity × amount), applies per-rule caps and the category floor, and keeps the evidence.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Iterable, Iterator

from .compile import SUBJECT, CompiledBlock, compile_block
from .model import DerivedField, Scheme
from .results import CategoryResult, Deduction, SubjectResult
from .submission import SubjectInput


def longest_run_below(values: list[Decimal], threshold: Decimal) -> int:
    best = run = 0
    for v in values:
        run = run + 1 if v < threshold else 0
        best = max(best, run)
    return best


def count_below(values: list[Decimal], threshold: Decimal) -> int:
    return sum(1 for v in values if v < threshold)


DERIVATIONS = {"longest_run_below": longest_run_below, "count_below": count_below}


_PLAIN = (int, bool, str)


def _engine(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, list):
        return None  # lists are only read through derived values
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def _derived(block: CompiledBlock, d: DerivedField, row: dict) -> int:
    th = d.threshold
    threshold = block.params[th["param"]] if isinstance(th, dict) else Decimal(str(th))
    return DERIVATIONS[d.function](row.get(d.field) or [], threshold)


def facts_of(block: CompiledBlock, index: int, subject: SubjectInput) -> tuple[list[dict], dict[str, dict]]:
    """The engine facts for one subject, and each record fact's readable row by fact id."""
    sid = f"s{index}"
    facts = [{"id": sid, "kind": SUBJECT, **{k: (v if type(v) in _PLAIN else _engine(v)) for k, v in subject.facts.items()}}]
    rows: dict[str, dict] = {}
    for rec in block.scheme.records:
        for j, row in enumerate(subject.records.get(rec.id, [])):
            full = dict(row)
            for d in rec.derived:
                full[d.id] = _derived(block, d, row)
            fid = f"{sid}.{rec.id}.{j}"
            rows[fid] = full
            facts.append({"id": fid, "kind": rec.id, **{k: _engine(v) for k, v in full.items()
                                                         if not isinstance(v, list)}})
    return facts, rows


def _evidence_subject(block: CompiledBlock, subject: SubjectInput, names: Iterable[str]) -> list[dict]:
    return [{"fact": n, "name": block.fact_names.get(n, n), "value": subject.facts.get(n),
             "from": "填报" if n in subject.supplied else "默认值"} for n in names]


def _deduction(block: CompiledBlock, subject: SubjectInput, rule_id: str, fact_ids: list[str],
               rows: dict[str, dict]) -> Deduction:
    cr = block.rules[rule_id]
    rule = cr.rule
    if rule.mode == "count":
        qty = Decimal(subject.facts[rule.count_fact])
        evidence = _evidence_subject(block, subject, (rule.count_fact,))
    elif rule.mode == "when":
        qty = Decimal(1)
        evidence = _evidence_subject(block, subject, block.when_fields[rule_id])
    else:
        qty = Decimal(len(fact_ids))
        evidence = [{"record": rule.record, "row": _row_text(rows[f])} for f in sorted(fact_ids, key=_order)]
    subtotal = qty * cr.amount
    capped = Decimal(0)
    if rule.cap is not None and subtotal > rule.cap:
        capped, subtotal = subtotal - rule.cap, rule.cap
    return Deduction(rule.id, rule.category_id, rule.clause_no, rule.text, cr.condition_text, qty, rule.unit,
                     cr.amount, subtotal, evidence, capped, cr.link)


def _order(fid: str) -> int:
    return int(fid.rsplit(".", 1)[1])


def _row_text(row: dict) -> dict:
    return {k: v for k, v in row.items()}


def score_block(block: CompiledBlock, subjects: list[SubjectInput], fired: set[str] | None = None
                ) -> Iterator[SubjectResult]:
    """Score subjects of one block, streaming: memory stays flat whatever the number of subjects."""
    scheme = block.scheme
    categories = scheme.categories_for(block.block)
    prepared: list[tuple[SubjectInput, dict[str, dict]]] = []

    def groups() -> Iterator[list[dict]]:
        for i, s in enumerate(subjects):
            facts, rows = facts_of(block, i, s)
            prepared.append((s, rows))
            yield facts

    for k, matches in enumerate(block.ruleset.match_groups(groups())):
        subject, rows = prepared[k]
        prepared[k] = None  # type: ignore[call-overload]  # free as we go
        by_rule: dict[str, list[str]] = {}
        for m in matches:
            by_rule.setdefault(m.rule, []).append(m.fact_id)
        if fired is not None:
            fired.update(by_rule)
        deductions = [_deduction(block, subject, rid, fids, rows) for rid, fids in by_rule.items()]
        yield _assemble(scheme, subject, categories, deductions, block.order)


def _assemble(scheme: Scheme, subject: SubjectInput, categories, deductions: list[Deduction],
              order: dict[str, int]) -> SubjectResult:
    results = []
    for cat in categories:
        ds = sorted((d for d in deductions if d.category_id == cat.id), key=lambda d: order[d.rule_id])
        deducted = sum((d.subtotal for d in ds), Decimal(0))
        raw = cat.points - deducted
        score = max(raw, scheme.category_floor)
        results.append(CategoryResult(cat.id, cat.name, cat.points, deducted, score - raw, score, ds))
    total = sum((c.score for c in results), Decimal(0))
    return SubjectResult(subject.name, subject.block, total, results)


def score_subjects(scheme: Scheme, subjects: list[SubjectInput], as_of: dt.date,
                   fired: set[str] | None = None) -> list[SubjectResult]:
    """Score subjects of any blocks, returning results in the input order."""
    out: dict[int, SubjectResult] = {}
    by_block: dict[str, list[int]] = {}
    for i, s in enumerate(subjects):
        by_block.setdefault(s.block, []).append(i)
    for bid, idxs in by_block.items():
        block = compile_block(scheme, bid, as_of)
        for i, res in zip(idxs, score_block(block, [subjects[i] for i in idxs], fired)):
            out[i] = res
    return [out[i] for i in range(len(subjects))]
