"""The original wording against the machine form: a rule whose text says “扣0.5分/人” while its amount is 1 is
almost always a typing slip, so `validate` warns (it cannot be an error: a clause may state other numbers)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator

from ..errors import Problem
from ..load import Document, Pointer, format_pointer
from ..numbers import fmt

# 扣/加/得, then at most a few words that are not a number, a unit “分” or punctuation, then “N分”:
# “扣0.5分/人”, “扣所属部门1分”, “每项加5分”, “得10分” — but not “扣分以20分为限” or “得分最低为0分”.
STATED = re.compile(r"[扣加得][^，。；、,.;\d分（）()]{0,6}?(\d+(?:\.\d+)?)分")


def stated_amounts(text: str) -> list[tuple[str, Decimal]]:
    """(the words quoted, the number) of every amount a wording states."""
    return [(m.group(0), Decimal(m.group(1))) for m in STATED.finditer(text)]


def machine_amounts(r: dict) -> set[Decimal]:
    out: set[Decimal] = set()
    raw = r.get("amount")
    for a in (raw if isinstance(raw, list) else [{"value": raw}] if raw is not None else []):
        if a.get("value") is not None:
            out.add(Decimal(str(a["value"])))
    for key in ("cap", "zero_amount", "gain", "loss"):
        if r.get(key) is not None:
            out.add(Decimal(str(r[key])))
    out |= {Decimal(str(v)) for v in (r.get("amounts") or {}).values()}
    out |= {Decimal(str(b["amount"])) for b in r.get("bands", [])}
    out |= {Decimal(str(b["amount"])) for b in r.get("ranks", [])}
    return out


def _rules(cats: list, ptr: Pointer) -> Iterator[tuple[Pointer, dict]]:
    for ci, cat in enumerate(cats):
        for ki, k in enumerate(cat.get("clauses", [])):
            for ri, r in enumerate(k["rules"]):
                yield ptr + (ci, "clauses", ki, "rules", ri), r
        yield from _rules(cat.get("categories", []), ptr + (ci, "categories"))


def check_wording(doc: Document) -> list[Problem]:
    out: list[Problem] = []
    for ptr, r in _rules(doc.data.get("categories", []), ("categories",)):
        machine = machine_amounts(r)
        if not machine:
            continue
        for quote, value in stated_amounts(str(r.get("text", ""))):
            if value not in machine:
                shown: Any = "、".join(fmt(v) for v in sorted(machine))
                out.append(Problem.of("lang.wording-amount", doc.where(ptr + ("text",)),
                                      pointer=format_pointer(ptr + ("text",)), severity="warning", rule=r["id"],
                                      quote=quote, expected=shown, actual=fmt(value)))
    return out
