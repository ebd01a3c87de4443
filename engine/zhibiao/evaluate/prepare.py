"""What a block's subjects need before their rules run: measures (from their records, or rolled up from their
members' results), ranks within their groups, changes against the previous period, “the most” for eligibility.

Conditions are decided by the engine — which records a measure counts, which members meet a roll-up's `where` —
and this module does the arithmetic: counts, sums, means and shares with the declared rounding, ranks (a sort),
differences. Grouping members by the attribute that names their group is data organisation, like the ranking.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..compile.scheme import delta_key, measure_program, member_keys, member_program, most_key, rank_key
from ..conditions import fields_used
from ..model.results import MeasureValue, SubjectResult
from ..model.scheme import Measure, Rule, Scheme
from ..model.submission import SubjectInput
from ..numbers import fmt
from . import engine
from .facts import member_fact, record_facts, row_of

FUNCTION_TEXT = {"count": "条数", "sum": "合计", "mean": "平均", "min": "最低", "max": "最高", "share": "占比"}


@dataclass
class Prepared:
    """Per subject: names → values the rules read (facts, attributes, measures), the engine's computed inputs,
    and the evidence (measure values, ranks, changes)."""

    values: dict[str, Any]
    computed: dict[str, Any] = field(default_factory=dict)
    measures: dict[str, MeasureValue] = field(default_factory=dict)
    ranks: dict[str, tuple[int | None, str]] = field(default_factory=dict)
    changes: dict[str, tuple[Decimal, Decimal, Decimal]] = field(default_factory=dict)  # rule → (now, before, Δ)


def prepare(scheme: Scheme, block: str, as_of: dt.date, subjects: list[SubjectInput],
            members: dict[str, list[SubjectResult]]) -> list[Prepared]:
    """`members`: the scored results of every block this block rolls up."""
    out = [Prepared({**s.attributes, **s.facts}) for s in subjects]
    _record_measures(scheme, block, as_of, subjects, out)
    _rollups(scheme, block, as_of, subjects, out, members)
    for rule in scheme.rules_for(block):
        if rule.mode == "rank":
            _ranks(rule, subjects, out)
        elif rule.mode == "change":
            _changes(rule, subjects, out)
    for e in scheme.eligibility_for(block):
        if e.most:
            ranks = _competition([p.values.get(e.most) for p in out], [_group(s, e.among) for s in subjects],
                                 descending=True, dense=False, skip_zero=True)
            for p, (rank, _) in zip(out, ranks):
                p.computed[most_key(e.id)] = rank
    return out


# ------------------------------------------------------------------ measures from records
def aggregate(fn: str, values: list[Decimal], matched: int, total: int) -> Decimal:
    if fn == "count":
        return Decimal(matched)
    if fn == "share":
        return Decimal(matched) * 100 / Decimal(total)
    if fn == "sum":
        return sum(values, Decimal(0))
    if fn == "mean":
        return sum(values, Decimal(0)) / Decimal(len(values))
    return min(values) if fn == "min" else max(values)


def _finish(m: Measure, raw: Decimal, detail: str, members: list[tuple[str, Any]] | None = None) -> MeasureValue:
    value = m.rounding.apply(raw) if m.rounding else raw
    if m.rounding and value != raw:
        detail += f"，{m.rounding} → {fmt(value)}"
    return MeasureValue(m.id, m.name, value, detail, members or [], raw if value != raw else None)


def _record_measures(scheme: Scheme, block: str, as_of: dt.date, subjects: list[SubjectInput],
                     out: list[Prepared]) -> None:
    measures = [m for m in scheme.measures_for(block) if m.records]
    if not measures:
        return
    program = measure_program(scheme, block, as_of)
    wanted: dict[str, set[str]] = {}
    for m in measures:
        wanted.setdefault(m.records, set()).update(fields_used(m.where or {}))
    keys = {k: tuple(sorted(v)) for k, v in wanted.items()}
    hits: list[dict[str, list[int]]] = [{} for _ in subjects]
    groups = [(i, record_facts(i, s, keys)) for i, s in enumerate(subjects)]
    nonempty = [(i, g) for i, g in groups if g]
    if program is not None and nonempty:
        for (i, _), matches in zip(nonempty, engine.ruleset(program).match_groups(g for _, g in nonempty)):
            for mt in matches:
                hits[i].setdefault(mt.rule[2:], []).append(row_of(mt.fact_id))
    for i, s in enumerate(subjects):
        for m in measures:
            rows = s.records.get(m.records) or []
            chosen = sorted(set(hits[i].get(m.id, [])))
            rec = scheme.record(m.records)
            label = rec.name if rec else m.records
            if m.function == "count":
                raw = Decimal(len(chosen))
                detail = f"“{label}”中符合条件的记录 {len(chosen)} 条" if m.where else f"“{label}”记录 {len(chosen)} 条"
            else:
                values = [Decimal(rows[j][m.field]) for j in chosen if rows[j].get(m.field) is not None]
                if not values and m.function in ("mean", "min", "max"):
                    raw, detail = Decimal(0), f"没有“{label}”记录，按 0 计"
                else:
                    raw = aggregate(m.function, values, len(values), len(values))
                    detail = f"{FUNCTION_TEXT[m.function]}（{' + '.join(fmt(v) for v in values) or '无记录'}）= {fmt(raw)}"
            mv = _finish(m, raw, detail)
            out[i].measures[m.id] = mv
            out[i].values[m.id] = mv.value


# ------------------------------------------------------------------ roll-ups from members' results
def member_values(res: SubjectResult) -> dict[str, Any]:
    """What a roll-up can read of a member: total, grade, every category's score, facts, attributes, measures."""
    values: dict[str, Any] = {}
    if res.input is not None:
        values.update(res.input.attributes)
        values.update(res.input.facts)
    values.update({k: v.value for k, v in res.measures.items()})
    values.update({c.id: c.score for c in res.all_categories()})
    values["total"] = res.total
    if res.grade is not None:
        values["grade"] = res.grade
    return values


def _rollups(scheme: Scheme, block: str, as_of: dt.date, subjects: list[SubjectInput], out: list[Prepared],
             members: dict[str, list[SubjectResult]]) -> None:
    measures = tuple(m for m in scheme.measures_for(block) if m.rollup)
    for member_block in dict.fromkeys(m.members for m in measures):
        group = tuple(m for m in measures if m.members == member_block)
        results = members.get(member_block, [])
        values = [member_values(r) for r in results]
        matched: dict[str, set[int]] = {}
        program = member_program(group, scheme, as_of)
        if program is not None and results:
            names = member_keys(group)
            facts = ([member_fact(j, v, names)] for j, v in enumerate(values))
            for j, matches in enumerate(engine.ruleset(program).match_groups(facts)):
                for mt in matches:
                    matched.setdefault(mt.rule[2:], set()).add(j)
        for i, s in enumerate(subjects):
            for m in group:
                mine = [j for j, r in enumerate(results) if not m.by or values[j].get(m.by) == s.name]
                mv = _rollup(m, results, values, mine, matched.get(m.id))
                out[i].measures[m.id] = mv
                out[i].values[m.id] = mv.value


def _rollup(m: Measure, results: list[SubjectResult], values: list[dict[str, Any]], mine: list[int],
            matched: set[int] | None) -> MeasureValue:
    """`mine`: this group's members (membership is checked when the submission is read: never empty here)."""
    chosen = [j for j in mine if matched is None or j in matched]
    listed = [(results[j].name, values[j].get(m.of) if m.of else (j in chosen)) for j in mine]
    if m.function in ("count", "share"):
        raw = aggregate(m.function, [], len(chosen), len(mine))
        detail = (f"{len(chosen)} / {len(mine)} × 100 = {_long(raw)}" if m.function == "share"
                  else f"符合条件的成员 {len(chosen)} 个")
        return _finish(m, raw, detail, listed)
    numbers = [Decimal(values[j][m.of]) for j in chosen]
    raw = aggregate(m.function, numbers, len(numbers), len(numbers))
    shown = " + ".join(fmt(v) for v in numbers)
    if m.function == "mean":
        detail = f"({shown}) ÷ {len(numbers)} = {fmt(sum(numbers, Decimal(0)))} ÷ {len(numbers)} = {_long(raw)}"
    elif m.function == "sum":
        detail = f"{shown} = {fmt(raw)}"
    else:
        detail = f"{FUNCTION_TEXT[m.function]}（{'、'.join(fmt(v) for v in numbers)}）= {fmt(raw)}"
    return _finish(m, raw, detail, listed)


def _long(v: Decimal) -> str:
    """A quotient as a person writes it: 75.0666… for a repeating one."""
    if v == v.quantize(Decimal("0.000001")):
        return fmt(v)
    return fmt(v.quantize(Decimal("0.0001"), rounding="ROUND_DOWN")) + "…"


# ------------------------------------------------------------------ ranks and changes
def _group(s: SubjectInput, among: str) -> Any:
    return s.attributes.get(among) if among else ""


def _competition(raw: list[Any], groups: list[Any], *, descending: bool, dense: bool, skip_zero: bool
                 ) -> list[tuple[int | None, list[int]]]:
    """Each item's rank within its group (None when not ranked) and the items it ties with."""
    out: list[tuple[int | None, list[int]]] = [(None, []) for _ in raw]
    by_group: dict[Any, list[int]] = {}
    for i, (v, g) in enumerate(zip(raw, groups)):
        if v is None or (skip_zero and v == 0):
            continue
        by_group.setdefault(g, []).append(i)
    for items in by_group.values():
        items.sort(key=lambda i: raw[i], reverse=descending)
        rank = distinct = 0
        previous: Any = object()
        for position, i in enumerate(items, start=1):
            if raw[i] != previous:
                distinct += 1
                rank = distinct if dense else position
                previous = raw[i]
            out[i] = (rank, [j for j in items if raw[j] == raw[i] and j != i])
    return out


def _ranks(rule: Rule, subjects: list[SubjectInput], out: list[Prepared]) -> None:
    spec = rule.rank
    assert spec is not None
    raw = [p.values.get(rule.fact) for p in out]
    groups = [_group(s, spec.among) for s in subjects]
    ranked = _competition(raw, groups, descending=spec.order == "从高到低", dense=spec.ties == "并列不跳号",
                          skip_zero=spec.zero_amount is not None)
    for i, (rank, tied) in enumerate(ranked):
        group = f"{groups[i]}" if spec.among else "本板块"
        if rank is None:
            note = f"原始值为 {fmt(Decimal(raw[i]))}，不参加排名" if raw[i] is not None else "没有原始值，不参加排名"
        else:
            note = f"{group}第 {rank} 名（{fmt(Decimal(raw[i]))}）"
            if tied:
                note += f"，与 {'、'.join(subjects[j].name for j in tied)} 并列"
        out[i].ranks[rule.id] = (rank, note)
        if rank is not None:
            out[i].computed[rank_key(rule.id)] = rank


def _changes(rule: Rule, subjects: list[SubjectInput], out: list[Prepared]) -> None:
    for p, s in zip(out, subjects):
        now, before = s.facts.get(rule.fact), s.previous.get(rule.fact)
        if now is None or before is None:
            continue  # no previous value: the submission check refused it unless the rule says 不计分
        delta = Decimal(now) - Decimal(before)
        p.changes[rule.id] = (Decimal(now), Decimal(before), delta)
        p.computed[delta_key(rule.id)] = delta


def steps(rule: Rule, delta: Decimal) -> Decimal:
    """Whole steps (整步: what is short of a step is not counted) or the exact ratio (按比例)."""
    spec = rule.change
    assert spec is not None
    ratio = abs(delta) / spec.step
    return Decimal(math.floor(ratio)) if spec.steps == "整步" else ratio

