"""Score subjects: the engine decides which rules (and which alternative of a rule) apply; this module adds up
exactly.

Python never re-decides a condition here: it turns the engine's matches into amounts (quantity × amount — the
count fact's value, the number of matching records, the chosen band's, grade's, level's or rank band's amount,
the steps of change), applies each rule's cap, then builds every category: base + additions − deductions, kept
within [floor, points], rounded where the scheme says; sub-categories add up (or are weighted) into their parent,
first-level categories into the total. The evidence (facts and rows read, positions joined) is kept.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Callable, Iterable, Iterator

from ..compile.python import Decisions, reader
from ..compile.scheme import CompiledBlock, compile_block, split_key
from ..model.results import CategoryResult, Deduction, SubjectResult
from ..model.scheme import ADD, Category, Scheme
from ..model.submission import SubjectInput
from ..numbers import fmt
from .. import progress
from . import engine
from .facts import row_of, subject_facts
from .prepare import Prepared, steps

_ZERO, _ONE = Decimal(0), Decimal(1)
Joined = dict[str, list[tuple[int, tuple[tuple[str, int], ...]]]]  # rule → (row, joined element positions)
Decide = Callable[[CompiledBlock, list[SubjectInput], list[Prepared]], Iterator[tuple[Decisions, Joined]]]


def engine_decisions(block: CompiledBlock, subjects: list[SubjectInput], prepared: list[Prepared]
                     ) -> Iterator[tuple[Decisions, Joined]]:
    """For each subject, what the engine decided: engine key (a rule id, `rule#branch`, `veto:id`, `elig:id`)
    → True (subject-level) or the matching record rows; for sequence conditions, the positions it joined."""
    groups = (subject_facts(block, i, s, p.values, p.computed) for i, (s, p) in enumerate(zip(subjects, prepared)))
    each: dict[str, bool] = {}  # engine key → whether its rule counts record rows (worked out once per key)
    for matches in engine.ruleset(block.program).match_groups(groups):
        out: Decisions = {}
        joined: Joined = {}
        for m in matches:
            rows_of = each.get(m.rule)
            if rows_of is None:
                compiled = block.rules.get(split_key(m.rule)[0])
                rows_of = each[m.rule] = compiled is not None and compiled.rule.mode == "each"
            if rows_of:
                rows = out.setdefault(m.rule, [])
                row = row_of(m.fact_id)
                if row not in rows:  # type: ignore[operator]
                    rows.append(row)  # type: ignore[union-attr]
                if m.joined:
                    joined.setdefault(m.rule, []).append((row, m.joined))
            else:
                out[m.rule] = True
        yield out, joined


def _evidence_facts(block: CompiledBlock, subject: SubjectInput, names: Iterable[str], values: dict) -> list[dict]:
    fact_names, supplied, facts, attributes = block.fact_names, subject.supplied, subject.facts, subject.attributes
    return [{"fact": n, "name": fact_names.get(n, n), "value": values.get(n),
             "from": "填报" if n in supplied else "默认值" if n in facts else
             "属性" if n in attributes else "计算"} for n in names]


def _positions(joined: list[tuple[int, tuple[tuple[str, int], ...]]], row: int, prefix: str) -> str:
    """The list positions the engine joined for one sequence condition of one row, e.g. “第3、4、5、6次”."""
    hit = sorted({n for r, js in joined if r == row for a, n in js if a.startswith(prefix)})
    return "第" + "、".join(str(n + 1) for n in hit) + "次" if hit else ""


def _branch_rules(decided: Decisions) -> dict[str, dict[str, list[int] | bool]]:
    """Engine keys grouped by rule: rule id → branch ("" for a plain rule) → the decision."""
    out: dict[str, dict[str, list[int] | bool]] = {}
    for key, value in decided.items():
        if ":" in key:
            continue  # vetoes and eligibility are read by evaluate.outcomes
        rid, _, branch = key.partition("#")  # split_key, inline: this runs for every deduction of every subject
        found = out.get(rid)
        if found is None:
            out[rid] = {branch: value}
        else:
            found[branch] = value
    return out


def _deduction(block: CompiledBlock, subject: SubjectInput, prep: Prepared, rule_id: str,
               branches: dict[str, list[int] | bool], joined: Joined) -> Deduction | None:
    cr = block.rules[rule_id]
    rule = cr.rule
    amount = cr.amount
    detail = ""
    breakdown: list[tuple[str, Decimal, Decimal]] = []
    effect = rule.effect
    mode = rule.mode
    evidence = _evidence_facts(block, subject, cr.reads, prep.values) if mode != "each" else []
    if mode == "count":
        qty = Decimal(prep.values[rule.count_fact])
    elif mode == "when":
        qty = _ONE
    elif mode == "bands":
        i = int(next(iter(branches)))
        band = rule.bands[i]
        qty, amount = Decimal(1), band.amount
        detail = f"{block.fact_names.get(rule.fact, rule.fact)} {fmt(Decimal(prep.values[rule.fact]))}，属于 {band} 一档"
    elif mode == "grade":
        i = int(next(iter(branches)))
        scale = block.scheme.grade_scale(block.scheme.fact(rule.fact).scale)  # type: ignore[union-attr]
        grade, value = scale.grades[i]  # type: ignore[union-attr]
        qty = value
        detail = f"等级“{grade}”，系数 {fmt(value)}"
    elif mode == "rank":
        spec = rule.rank
        assert spec is not None
        branch = next(iter(branches))
        rank, note = prep.ranks.get(rule.id, (None, ""))
        if branch == "zero":
            qty, amount, detail = Decimal(1), spec.zero_amount or Decimal(0), note
        else:
            i = int(branch)
            qty, amount = Decimal(1), spec.ranks[i].amount
            detail = f"{note}，{spec.band_text(i)}"
    elif mode == "change":
        spec = rule.change
        assert spec is not None
        branch = next(iter(branches))
        now, before, delta = prep.changes[rule.id]
        qty = steps(rule, delta)
        amount = spec.gain if branch == "gain" else spec.loss
        effect = ADD if branch == "gain" else -1
        word = "升高" if delta > 0 else "降低"
        run = subject.previous_from.get(rule.fact)
        cited = f"（{run.label}）" if run is not None else ""
        detail = f"本期 {fmt(now)}，上期 {fmt(before)}{cited}，{word} {fmt(abs(delta))}，计 {fmt(qty)} 步"
        if qty == 0:
            return None  # short of a whole step: nothing to add or deduct
    else:
        source = subject.records.get(rule.record, [])
        if rule.by:
            levels = dict(rule.amounts)
            rows: list[int] = []
            for branch, hit in branches.items():
                level, value = rule.amounts[int(branch)]
                chosen = sorted(hit)  # type: ignore[arg-type]
                rows += chosen
                breakdown.append((level, Decimal(len(chosen)), value))
            breakdown.sort(key=lambda b: list(levels).index(b[0]))
            qty = Decimal(len(rows))
        else:
            rows = sorted(branches[""])  # type: ignore[arg-type]
            qty = Decimal(len(rows))
        for j in sorted(rows):
            row = dict(source[j])
            for i, seq in enumerate(cr.sequences):
                row[seq.derived] = _positions(joined.get(rule_id, []), j, f"q{i}_")
            evidence.append({"record": rule.record, "index": j + 1, "row": row})
    gross = sum((n * a for _, n, a in breakdown), Decimal(0)) if breakdown else qty * amount
    subtotal, capped = gross, _ZERO
    cap = rule.cap
    if cap is not None and subtotal > cap:
        capped, subtotal = subtotal - cap, cap
    return Deduction(rule.id, rule.category_id, rule.clause_no, rule.text, cr.condition_text, qty, rule.unit,
                     amount, subtotal, evidence, capped, cr.link, effect, detail, breakdown)


def score_block(block: CompiledBlock, subjects: list[SubjectInput], fired: set[str] | None = None,
                decide: Decide = engine_decisions, prepared: list[Prepared] | None = None) -> Iterator[SubjectResult]:
    """Score subjects of one block, streaming: memory stays flat whatever the number of subjects.

    `decide` is the engine; the benchmark's floor and the differential test pass a plain-Python reading instead.
    `prepared`: measures, ranks and changes (`evaluate.prepare`); by default the subjects' own facts. The vetoes
    and eligibility limits the engine found are kept on each result (`outcome_keys`) for `evaluate.outcomes`."""
    if prepared is None:  # the values are only read: a subject without attributes lends its facts as they are
        prepared = [Prepared({**s.attributes, **s.facts} if s.attributes else s.facts) for s in subjects]
    scheme = block.scheme
    categories = scheme.categories_for(block.block)
    rounding = scheme.rounding_for(block.block)
    order = block.order.__getitem__
    for subject, prep, (decided, joined) in zip(subjects, prepared, decide(block, subjects, prepared)):
        if fired is not None:
            fired.update(split_key(k)[0] for k in decided if ":" not in k)
        deductions = [d for rid, branches in _branch_rules(decided).items()
                      if (d := _deduction(block, subject, prep, rid, branches, joined)) is not None]
        by_category: dict[str, list[Deduction]] = {}
        if len(deductions) > 1:
            deductions.sort(key=lambda d: order(d.rule_id))
        for d in deductions:
            found = by_category.get(d.category_id)
            if found is None:
                by_category[d.category_id] = [d]
            else:
                found.append(d)
        results = [assemble(cat, by_category) for cat in categories]
        total = _ZERO
        for c in results:
            total += c.contribution
        result = SubjectResult(subject.name, subject.block, total, results, key=subject.key)
        if rounding is not None:
            rounded = rounding.apply(total)
            if rounded != total:
                result.rounded_from = total
            result.total = rounded
        result.input = subject
        result.measures = prep.measures
        result.ranks = prep.ranks
        result.outcome_keys = frozenset(k for k in decided if ":" in k)
        progress.advance(progress.SCORE)
        yield result


_leaves: dict[int, tuple[Category, CategoryResult]] = {}


def assemble(cat: Category, by_category: dict[str, list[Deduction]]) -> CategoryResult:
    """A category's score from its rules (or its sub-categories), its base, floor, points and rounding.

    A category without sub-categories and without deductions scores the same for every subject: worked out once
    (by `_assemble`, the one computation) and copied, each copy with lists of its own."""
    if cat.children or cat.id in by_category:
        return _assemble(cat, by_category)
    made = _leaves.get(id(cat))
    if made is None or made[0] is not cat:
        if len(_leaves) > 1000:
            _leaves.clear()
        made = _leaves[id(cat)] = (cat, _assemble(cat, by_category))
    r = made[1]
    return CategoryResult(r.id, r.name, r.points, r.deducted, r.floor_cut, r.score, [], r.added, r.base, r.cap_cut,
                          r.rounded_from, r.weight, [])


def _assemble(cat: Category, by_category: dict[str, list[Deduction]]) -> CategoryResult:
    children = [assemble(c, by_category) for c in cat.children] if cat.children else []
    ds = by_category.get(cat.id, [])
    deducted = added = _ZERO
    for d in ds:  # one pass, in order (Decimal addition is exact: the same sums as two generators)
        if d.effect == ADD:
            added += d.subtotal
        else:
            deducted += d.subtotal
    if children:
        base = Decimal(0)
        raw = sum((c.contribution for c in children), Decimal(0))
    else:
        base = cat.base
        raw = base + added - deducted
    score = min(max(raw, cat.floor), cat.points)
    result = CategoryResult(cat.id, cat.name, cat.points, deducted, max(cat.floor - raw, Decimal(0)), score, ds,
                            added, None if children or base == cat.points else base, max(raw - cat.points, Decimal(0)),
                            None, cat.weight, children)
    if cat.rounding is not None:
        rounded = cat.rounding.apply(score)
        if rounded != score:
            result.rounded_from = score
        result.score = rounded
    return result


def score_subjects(scheme: Scheme, subjects: list[SubjectInput], as_of: dt.date, fired: set[str] | None = None,
                   decide: Decide | None = None) -> list[SubjectResult]:
    """Score subjects of blocks without roll-ups, returning results in the input order (tests and benchmarks;
    `evaluate.run` scores whole submissions, roll-ups, vetoes and grades included)."""
    out: dict[int, SubjectResult] = {}
    by_block: dict[str, list[int]] = {}
    for i, s in enumerate(subjects):
        by_block.setdefault(s.block, []).append(i)
    for bid, idxs in by_block.items():
        block = compile_block(scheme, bid, as_of)
        members = [subjects[i] for i in idxs]
        for i, res in zip(idxs, score_block(block, members, fired, decide or engine_decisions)):
            out[i] = res
    return [out[i] for i in range(len(subjects))]


def python_decisions(block: CompiledBlock, subjects: list[SubjectInput], prepared: list[Prepared]
                     ) -> Iterator[tuple[Decisions, Joined]]:
    """The plain-Python reading as a `decide` function (the benchmark's floor, the differential test)."""
    decide = _readers.get(block)
    if decide is None:
        decide = _readers[block] = reader(block)
    return ((decide(s, p.values, p.computed), {}) for s, p in zip(subjects, prepared))


_readers: dict[CompiledBlock, Callable[..., Decisions]] = {}
