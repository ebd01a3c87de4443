"""The one module that builds engine facts from a subject's checked input.

Layout (the engine's own fields are `id`, `sid`, `$k`, and for element facts `r`, `n`, `v`; everything a scheme
names lives under a compiled key `f<n>` (`compile.scheme.EngineNames`), so no scheme name can collide with them):
    subject  {"id": "s7", "$k": "s", "f5": 2, …}                          (f5 = absent_members)
    record   {"id": "s7.r1.0", "$k": "r1", "f31": 40, "f32.0": 90, …}     (r1 = class_attendance, f32 = rates)
    element  {"id": "s7.r1.0#f32.3", "$k": "e1.f32", "r": <record id>, "n": 3, "v": 40}
Only what some rule in force reads is given (a teacher's name is never tested). A list field appears as positional fields (`f.rates.0` …) when a run condition reads it, and as element facts
when a count condition does; otherwise lists are not given to the engine. Values stay as checked (Decimal, date):
the engine module's JSON encoder turns them into what durable-rules compares (`engine._fact_value`).
This is the hot path of province-scale scoring, hence plain comprehensions and no call per value.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from ..compile.conditions import KIND, field
from ..compile.scheme import MEMBER, SUBJECT, CompiledBlock, record_kind
from ..limits import DEFAULT
from ..model.submission import SubjectInput


def subject_facts(block: CompiledBlock, index: int, subject: SubjectInput, values: Mapping[str, Any] | None = None,
                  computed: Mapping[str, Any] | None = None) -> list[dict]:
    """The subject fact and its record facts. `values` holds every subject-level name the rules read (facts,
    attributes, measures; default: the facts), `computed` the engine's own inputs (ranks, changes) by key."""
    sid = f"s{index}"
    given = subject.facts if values is None else values
    fact: dict[str, Any] = {"id": sid, KIND: SUBJECT}
    fact.update({key: v for name, key in block.fact_keys if (v := given.get(name)) is not None})
    if computed:
        fact.update({k: v for k, v in computed.items() if v is not None})
    facts = [fact]
    for rec in block.records:
        rows = subject.records.get(rec.id)
        if not rows:
            continue
        names = block.names
        kind = names.record(rec.id)
        keys = block.record_keys.get(rec.id, ())
        lists = block.elements.get(rec.id, ())
        laid_out = block.unrolled.get(rec.id, ())
        for j, row in enumerate(rows):
            rid = f"{sid}.{kind}.{j}"
            record: dict[str, Any] = {"id": rid, KIND: kind}
            record.update({key: v for name, key in keys if (v := row.get(name)) is not None})
            for name in laid_out:
                values, slots = row.get(name) or (), _positions(names.field(name))
                if len(values) <= len(slots):
                    record.update(zip(slots, values))
                else:
                    record.update({f"{names.field(name)}.{n}": v for n, v in enumerate(values)})
            facts.append(record)
            for name in lists:
                ekind = names.element(rec.id, name)
                facts += [{"id": f"{rid}#{n}", KIND: ekind, "r": rid, "n": n, "v": v}
                          for n, v in enumerate(row.get(name) or ())]
    return facts


@lru_cache(maxsize=256)
def _positions(key: str) -> tuple[str, ...]:
    """The positional keys of a list field laid out in its record fact: `f32.0`, `f32.1`, … (as many as a list
    may hold)."""
    return tuple(f"{key}.{n}" for n in range(DEFAULT.list_items))


def row_of(fact_id: str) -> int:
    """The row index of a record fact id (`s7.r1.0` → 0)."""
    return int(fact_id.rsplit(".", 1)[1])


def record_facts(index: int, subject: SubjectInput, wanted: Mapping[str, tuple[str, ...]]) -> list[dict]:
    """Only the record facts (for the pass that decides which records each measure counts)."""
    sid = f"s{index}"
    out: list[dict] = []
    for rec, names in wanted.items():
        kind = record_kind(rec)
        for j, row in enumerate(subject.records.get(rec) or ()):
            fact: dict[str, Any] = {"id": f"{sid}.{rec}.{j}", KIND: kind}
            fact.update({field(n): v for n in names if (v := row.get(n)) is not None})
            out.append(fact)
    return out


def member_fact(index: int, values: Mapping[str, Any], names: tuple[str, ...]) -> dict:
    """A member's result as a roll-up reads it (total, grade, category scores, facts…)."""
    fact: dict[str, Any] = {"id": f"m{index}", KIND: MEMBER}
    fact.update({field(n): v for n in names if (v := values.get(n)) is not None})
    return fact


def outcome_fact(index: int, kind: str, values: Mapping[str, Any]) -> dict:
    """One subject's result for the passes after scoring (grading, award candidacy); keys are given."""
    fact: dict[str, Any] = {"id": f"o{index}", KIND: kind}
    fact.update({k: v for k, v in values.items() if v is not None})
    return fact
