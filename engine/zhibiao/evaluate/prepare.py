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
from .standings import TieGroup, name_list

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
            members: dict[str, list[SubjectResult]], ranked: dict[str, "RankTable"] | None = None,
            indices: list[int] | None = None, rolled: dict[str, dict[Any, list["Entry"]]] | None = None
            ) -> list[Prepared]:
    """`members`: the scored results of every block this block rolls up. `ranked`: the block's rank tables
    (`rank_tables`) when they were filled from every subject beforehand (a streaming job's first pass; these
    `subjects` are then a part of the block, at `indices` in the input); None: rank among `subjects`.
    `rolled`: per roll-up measure, its members' entries gathered beforehand (`member_entries`), else `members`."""
    out = [Prepared({**s.attributes, **s.facts}) for s in subjects]
    _record_measures(scheme, block, as_of, subjects, out)
    _rollups(scheme, block, as_of, subjects, out, members, rolled)
    positions = indices if indices is not None else list(range(len(subjects)))
    if ranked is None:
        ranked = rank_tables(scheme, block)
        add_ranked(scheme, block, ranked, subjects, out, positions)
        for t in ranked.values():
            t.finish()
    for rule in scheme.rules_for(block):
        if rule.mode == "rank":
            _ranks(rule, subjects, out, ranked[rule.id], positions)
        elif rule.mode == "change":
            _changes(rule, subjects, out)
    for e in scheme.eligibility_for(block):
        if e.most:
            table = ranked[most_key(e.id)]
            for s, p, i in zip(subjects, out, positions):
                rank, _, _ = table.rank(i, _group(s, e.among), p.values.get(e.most))
                p.computed[most_key(e.id)] = rank
    return out


def rank_tables(scheme: Scheme, block: str) -> dict[str, "RankTable"]:
    """Empty rank tables of a block: one per rank rule (its id) and per eligibility for “the most”."""
    out = {r.id: RankTable(r.rank.order == "从高到低", r.rank.ties == "并列不跳号", r.rank.zero_amount is not None)
           for r in scheme.rules_for(block) if r.mode == "rank" and r.rank is not None}
    out |= {most_key(e.id): RankTable(True, False, True) for e in scheme.eligibility_for(block) if e.most}
    return out


def add_ranked(scheme: Scheme, block: str, tables: dict[str, "RankTable"], subjects: list[SubjectInput],
               prepared: list[Prepared], indices: list[int]) -> None:
    """Put what the block's subjects are ranked by into its tables."""
    for rule in scheme.rules_for(block):
        if rule.mode == "rank" and rule.rank is not None:
            for s, p, i in zip(subjects, prepared, indices):
                tables[rule.id].add(i, s.name, _group(s, rule.rank.among), p.values.get(rule.fact))
    for e in scheme.eligibility_for(block):
        if e.most:
            for s, p, i in zip(subjects, prepared, indices):
                tables[most_key(e.id)].add(i, s.name, _group(s, e.among), p.values.get(e.most))


def rank_inputs(scheme: Scheme, block: str, as_of: dt.date, subjects: list[SubjectInput], indices: list[int],
                tables: dict[str, "RankTable"], rolled: dict[str, dict[Any, list["Entry"]]] | None = None) -> None:
    """A streaming job's first pass over a block: the values some of its subjects are ranked by (facts, measures
    of their own records, roll-ups of members scored in an earlier pass: `rolled`) into the block's tables."""
    out = [Prepared({**s.attributes, **s.facts}) for s in subjects]
    _record_measures(scheme, block, as_of, subjects, out)
    _rollups(scheme, block, as_of, subjects, out, {}, rolled)
    add_ranked(scheme, block, tables, subjects, out, indices)


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


Entry = tuple[str, Any, bool]  # a member as a roll-up reads it: its name, the value `of` reads, whether counted


def member_entries(scheme: Scheme, as_of: dt.date, measures: tuple[Measure, ...], results: list[SubjectResult]
                   ) -> dict[str, dict[Any, list[Entry]]]:
    """What roll-up `measures` (of one member block) read of these members, per measure and per group (the value
    of the member's `by` attribute; "" when a measure takes every member), in the members' order. Which members
    a measure counts (`where`) is decided by the engine. Parts of a block's members (a streaming job's chunks)
    give lists that, put one after the other, are the whole block's."""
    values = [member_values(r) for r in results]
    matched: dict[str, set[int]] = {}
    program = member_program(measures, scheme, as_of)
    if program is not None and results:
        names = member_keys(measures)
        facts = ([member_fact(j, v, names)] for j, v in enumerate(values))
        for j, matches in enumerate(engine.ruleset(program).match_groups(facts)):
            for mt in matches:
                matched.setdefault(mt.rule[2:], set()).add(j)
    out: dict[str, dict[Any, list[Entry]]] = {m.id: {} for m in measures}
    for j, (r, v) in enumerate(zip(results, values)):
        for m in measures:
            counted = not m.where or j in matched.get(m.id, ())
            out[m.id].setdefault(v.get(m.by) if m.by else "", []).append((r.name, v.get(m.of) if m.of else None,
                                                                          counted))
    return out


def rollup_groups(scheme: Scheme, block: str) -> dict[str, tuple[Measure, ...]]:
    """The roll-up measures of a block, by the member block they read."""
    measures = tuple(m for m in scheme.measures_for(block) if m.rollup)
    return {mb: tuple(m for m in measures if m.members == mb) for mb in dict.fromkeys(m.members for m in measures)}


def _rollups(scheme: Scheme, block: str, as_of: dt.date, subjects: list[SubjectInput], out: list[Prepared],
             members: dict[str, list[SubjectResult]], rolled: dict[str, dict[Any, list[Entry]]] | None = None
             ) -> None:
    """`rolled`: the entries of every member (`member_entries` of the whole member blocks), when they were
    gathered beforehand (a streaming job); else they are taken from `members`."""
    for member_block, group in rollup_groups(scheme, block).items():
        entries = rolled if rolled is not None else member_entries(scheme, as_of, group,
                                                                    members.get(member_block, []))
        for i, s in enumerate(subjects):
            for m in group:
                mv = _rollup(m, entries.get(m.id, {}).get(s.name if m.by else "", []))
                out[i].measures[m.id] = mv
                out[i].values[m.id] = mv.value


def _rollup(m: Measure, mine: list[Entry]) -> MeasureValue:
    """`mine`: this group's members (membership is checked when the submission is read: never empty here)."""
    chosen = [e for e in mine if e[2]]
    listed = [(name, value if m.of else counted) for name, value, counted in mine]
    if m.function in ("count", "share"):
        raw = aggregate(m.function, [], len(chosen), len(mine))
        detail = (f"{len(chosen)} / {len(mine)} × 100 = {_long(raw)}" if m.function == "share"
                  else f"符合条件的成员 {len(chosen)} 个")
        return _finish(m, raw, detail, listed)
    numbers = [Decimal(value) for _, value, _ in chosen]
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


class RankTable:
    """Ranks within groups (competition “1、2、2、4” or dense “1、2、2、3”) from a compact table: per group and
    distinct value, how many subjects have it and the first few names (`standings`' tie groups). The one way
    rank rules and “the most” are ranked, whole submission or a province streamed in chunks (tables of parts
    `merge`). Values that are absent, or zero when zero is not ranked, get no rank."""

    def __init__(self, descending: bool, dense: bool, skip_zero: bool) -> None:
        self.descending, self.dense, self.skip_zero = descending, dense, skip_zero
        self.groups: dict[tuple[Any, Any], TieGroup] = {}
        self.ranks: dict[tuple[Any, Any], int] = {}

    def _ranked(self, value: Any) -> bool:
        return value is not None and not (self.skip_zero and value == 0)

    def add(self, index: int, name: str, group: Any, value: Any) -> None:
        if not self._ranked(value):
            return
        found = self.groups.get((group, value))
        if found is None:
            found = self.groups[group, value] = TieGroup()
        found.add(index, name)

    def merge(self, other: "RankTable") -> "RankTable":
        for key, found in other.groups.items():
            mine = self.groups.get(key)
            if mine is None:
                self.groups[key] = found
            else:
                mine.merge(found)
        return self

    def finish(self) -> None:
        by_group: dict[Any, list[Any]] = {}
        for group, value in self.groups:
            by_group.setdefault(group, []).append(value)
        for group, values in by_group.items():
            values.sort(reverse=self.descending)
            position = 1
            for distinct, value in enumerate(values, start=1):
                self.ranks[group, value] = distinct if self.dense else position
                position += self.groups[group, value].count

    def rank(self, index: int, group: Any, value: Any) -> tuple[int | None, list[str], int]:
        """The rank of the subject at `index`, and the first names and the number of the others tied with it."""
        if not self._ranked(value):
            return None, [], 0
        found = self.groups[group, value]
        return self.ranks[group, value], found.others(index), found.count - 1


def _ranks(rule: Rule, subjects: list[SubjectInput], out: list[Prepared], table: RankTable,
           indices: list[int]) -> None:
    spec = rule.rank
    assert spec is not None
    for s, p, i in zip(subjects, out, indices):
        raw = p.values.get(rule.fact)
        group = _group(s, spec.among)
        rank, others, count = table.rank(i, group, raw)
        where = f"{group}" if spec.among else "本板块"
        if rank is None:
            note = f"原始值为 {fmt(Decimal(raw))}，不参加排名" if raw is not None else "没有原始值，不参加排名"
        else:
            note = f"{where}第 {rank} 名（{fmt(Decimal(raw))}）"
            if count:
                note += f"，与 {name_list(others, count)} 并列"
        p.ranks[rule.id] = (rank, note)
        if rank is not None:
            p.computed[rank_key(rule.id)] = rank


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

