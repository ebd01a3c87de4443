"""The one module that builds engine facts from a subject's checked input.

Layout (the engine's own fields are `id`, `sid`, `$k`, and for element facts `r`, `n`, `v`; everything a scheme
names lives under `f.<name>`, so no scheme name can collide with them):
    subject  {"id": "s7", "$k": "s", "f.absent_members": 2, …}
    record   {"id": "s7.class_attendance.0", "$k": "r.class_attendance", "f.class": "甲班", …}
    element  {"id": "s7.class_attendance.0#rates.3", "$k": "e.class_attendance.rates", "r": <record id>, "n": 3, "v": 40}
Element facts exist only for list fields that a rule's sequence condition reads.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ..compile.conditions import FIELD, KIND
from ..compile.scheme import SUBJECT, CompiledBlock, element_kind, record_kind
from ..model.submission import SubjectInput


def _value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def subject_facts(block: CompiledBlock, index: int, subject: SubjectInput) -> list[dict]:
    sid = f"s{index}"
    given = subject.facts
    fact: dict[str, Any] = {"id": sid, KIND: SUBJECT}
    for name in block.facts:
        v = given.get(name)
        if v is not None and not isinstance(v, list):
            fact[FIELD + name] = _value(v)
    facts = [fact]
    for rec in block.records:
        lists = block.elements.get(rec.id, ())
        kind = record_kind(rec.id)
        for j, row in enumerate(subject.records.get(rec.id, ())):
            rid = f"{sid}.{rec.id}.{j}"
            facts.append({"id": rid, KIND: kind, **{FIELD + k: _value(v) for k, v in row.items()
                                                     if v is not None and not isinstance(v, list)}})
            for name in lists:
                ekind = element_kind(rec.id, name)
                facts += [{"id": f"{rid}#{name}.{n}", KIND: ekind, "r": rid, "n": n, "v": _value(v)}
                          for n, v in enumerate(row.get(name) or ())]
    return facts


def row_of(fact_id: str) -> int:
    """The row index of a record fact id (`s7.class_attendance.0` → 0)."""
    return int(fact_id.rsplit(".", 1)[1])
