"""A scheme as JSON-ready data (the service's GET endpoints): identity and versions, rules next to their original
wording with the amounts in force on a date, and the fact definitions (填报口径) a submission must follow."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..compile.scheme import amount_at, condition_text
from ..model.scheme import FactDef, Scheme
from ..numbers import fmt
from .scores import to_plain


def summary(s: Scheme) -> dict[str, Any]:
    m = s.meta
    return {"id": s.id, "title": m.title, "version": s.version, "status": m.status, "effective": m.effective.isoformat(),
            "owner": m.owner, "rules_hash": s.content_hash, "revision": s.revision,
            "blocks": [{"id": b.id, "name": b.name} for b in s.blocks]}


def rules(s: Scheme, as_of: dt.date) -> dict[str, Any]:
    """Every rule with its original wording, its machine form read in Chinese, and its amount on `as_of`."""
    out = []
    for cat in s.categories:
        for clause in cat.clauses:
            for r in clause.rules:
                amount = amount_at(r, as_of)
                out.append({"id": r.id, "category": {"id": cat.id, "name": cat.name, "points": fmt(cat.points)},
                            "blocks": list(cat.blocks), "clause_no": clause.no, "clause": clause.text, "text": r.text,
                            "mode": r.mode, "condition": condition_text(s, r, as_of) if amount is not None else "",
                            "amount": fmt(amount) if amount is not None else None, "unit": r.unit,
                            "in_force": amount is not None, "cap": fmt(r.cap) if r.cap is not None else None,
                            "decision": r.decision})
    return {"scheme": summary(s), "as_of": as_of.isoformat(), "rules": out}


def _fact(f: FactDef) -> dict[str, Any]:
    return {"id": f.id, "name": f.name, "type": f.type, "description": f.description, "unit": f.unit,
            "minimum": fmt(f.minimum) if f.minimum is not None else None,
            "maximum": fmt(f.maximum) if f.maximum is not None else None,
            "required": not f.has_default, "default": to_plain(f.default) if f.has_default else None,
            "example": to_plain(f.example)}


def facts(s: Scheme) -> dict[str, Any]:
    """What each block's subjects submit: facts, and record lists with their fields."""
    return {"scheme": summary(s),
            "blocks": [{"id": b.id, "name": b.name, "facts": [f.id for f in s.facts_for(b.id)],
                        "records": [r.id for r in s.records_for(b.id)]} for b in s.blocks],
            "facts": [_fact(f) for f in s.facts],
            "records": [{"id": r.id, "name": r.name, "description": r.description, "unit": r.unit,
                         "fields": [_fact(f) for f in r.fields]} for r in s.records]}
