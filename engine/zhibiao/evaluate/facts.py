"""The one module that builds engine facts from a subject's checked input.

Layout (the engine's own fields are `id`, `sid`, `$k`, and for element facts `r`, `n`, `v`; everything a scheme
names lives under `f.<name>`, so no scheme name can collide with them):
    subject  {"id": "s7", "$k": "s", "f.absent_members": 2, …}
    record   {"id": "s7.class_attendance.0", "$k": "r.class_attendance", "f.class": "甲班", "f.rates.0": 90, …}
    element  {"id": "s7.class_attendance.0#rates.3", "$k": "e.class_attendance.rates", "r": <record id>, "n": 3, "v": 40}
Only what some rule in force reads is given (a teacher's name is never tested). A list field appears as positional fields (`f.rates.0` …) when a run condition reads it, and as element facts
when a count condition does; otherwise lists are not given to the engine. Values stay as checked (Decimal, date):
the engine module's JSON encoder turns them into what durable-rules compares (`numbers.json_number`).
This is the hot path of province-scale scoring, hence plain comprehensions and no call per value.
"""

from __future__ import annotations

from typing import Any

from ..compile.conditions import FIELD, KIND
from ..compile.scheme import SUBJECT, CompiledBlock, element_kind, record_kind
from ..model.submission import SubjectInput


def subject_facts(block: CompiledBlock, index: int, subject: SubjectInput) -> list[dict]:
    sid = f"s{index}"
    given = subject.facts
    fact: dict[str, Any] = {"id": sid, KIND: SUBJECT}
    fact.update({key: v for name, key in block.fact_keys if (v := given.get(name)) is not None})
    facts = [fact]
    for rec in block.records:
        rows = subject.records.get(rec.id)
        if not rows:
            continue
        kind = record_kind(rec.id)
        keys = block.record_keys.get(rec.id, ())
        lists = block.elements.get(rec.id, ())
        laid_out = block.unrolled.get(rec.id, ())
        for j, row in enumerate(rows):
            rid = f"{sid}.{rec.id}.{j}"
            record: dict[str, Any] = {"id": rid, KIND: kind}
            record.update({key: v for name, key in keys if (v := row.get(name)) is not None})
            for name in laid_out:
                prefix = f"{FIELD}{name}."
                record.update({f"{prefix}{n}": v for n, v in enumerate(row.get(name) or ())})
            facts.append(record)
            for name in lists:
                ekind = element_kind(rec.id, name)
                facts += [{"id": f"{rid}#{name}.{n}", KIND: ekind, "r": rid, "n": n, "v": v}
                          for n, v in enumerate(row.get(name) or ())]
    return facts


def row_of(fact_id: str) -> int:
    """The row index of a record fact id (`s7.class_attendance.0` → 0)."""
    return int(fact_id.rsplit(".", 1)[1])
