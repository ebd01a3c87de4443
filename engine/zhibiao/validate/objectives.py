"""Semantic checks of quality objectives (质量目标): unique indicators, grades, and value order per direction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..errors import Problem
from ..load import Document, format_pointer


def _p(doc: Document, ptr: tuple, code: str, **fields: Any) -> Problem:
    return Problem.of(code, doc.where(ptr), pointer=format_pointer(ptr), **fields)


def _range(doc: Document, ptr: tuple, i: dict) -> list[Problem]:
    """The declared range holds the indicator's own 标准值, 预警值 and 目标值."""
    lo, hi = i.get("minimum"), i.get("maximum")
    if lo is not None and hi is not None and lo > hi:
        return [_p(doc, ptr + ("minimum",), "objectives.range-order", name=i["name"], minimum=lo, maximum=hi)]
    out = []
    for key, what in (("standard", "标准值"), ("warning", "预警值"), ("target", "目标值")):
        v = i.get(key)
        if v is not None and ((lo is not None and v < lo) or (hi is not None and v > hi)):
            out.append(_p(doc, ptr + (key,), "objectives.range", name=i["name"], what=what, actual=v,
                          unit=i.get("unit", ""), minimum="" if lo is None else lo, maximum="" if hi is None else hi))
    return out


def check_objectives(doc: Document, docs: list[Document] | None = None) -> list[Problem]:
    out: list[Problem] = []
    seen: set[str] = set()
    for k, i in enumerate(doc.data["indicators"]):
        ptr = ("indicators", k)
        if i["id"] in seen:
            out.append(_p(doc, ptr + ("id",), "objectives.duplicate", actual=i["id"]))
        seen.add(i["id"])
        if i["direction"] == "等级":
            if not i.get("grades") or i.get("standard_grade") not in i.get("grades", []):
                out.append(_p(doc, ptr, "objectives.grades", name=i["name"]))
            continue
        out += _range(doc, ptr, i)
        if i.get("standard") is None:
            out.append(_p(doc, ptr, "objectives.standard-missing", name=i["name"]))
            continue
        order = [("standard", "标准值"), ("warning", "预警值"), ("target", "目标值")]
        present = [(key, label, Decimal(i[key])) for key, label in order if i.get(key) is not None]
        for (k1, l1, v1), (k2, l2, v2) in zip(present, present[1:]):
            ok = v1 <= v2 if i["direction"] == "越高越好" else v1 >= v2
            if not ok:
                rel = "≤" if i["direction"] == "越高越好" else "≥"
                out.append(_p(doc, ptr + (k2,), "objectives.order", name=i["name"], direction=i["direction"],
                              first=l1, rel=rel, second=l2, first_value=v1, second_value=v2))
    return out
