"""Build the quality objectives (质量目标) model, and read an indicator submission against it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..load import Document
from ..model.objectives import Indicator, IndicatorValue, Objectives, Policy
from .common import meta, notes, src
from .forms import Reader, suggestion


def _dec(v: Any) -> Decimal | None:
    return None if v is None else Decimal(v)


def build_indicator(i: dict) -> Indicator:
    return Indicator(i["id"], i["name"], i.get("unit", ""), i["direction"], _dec(i.get("target")), _dec(i.get("standard")),
                     _dec(i.get("warning")), tuple(i.get("grades", [])), i.get("standard_grade"), i["text"],
                     src(i.get("source")), notes(i.get("decision")), _dec(i.get("minimum")), _dec(i.get("maximum")))


def build_objectives(doc: Document) -> Objectives:
    d = doc.data
    policy = d.get("policy")
    return Objectives(meta(doc), d.get("text", ""), tuple(build_indicator(i) for i in d["indicators"]),
                      Policy(policy["text"], src(policy["source"])) if policy else None,
                      notes(d.get("decision")), notes(d.get("uncertain")))


def read_values(doc: Document, objectives: Objectives) -> list[IndicatorValue]:
    """Every indicator value in the submission, checked against the objectives (every problem collected)."""
    r = Reader(doc)
    if not isinstance(doc.data, dict):
        r.fail((), "form.not-mapping", what="指标填报文件", expected="values（各指标的当前值）")
        r.raise_if_any()
    data = doc.data
    r.unknown_keys(data, (), {"objectives", "period", "values"})
    by_id = {i.id: i for i in objectives.indicators}
    out: list[IndicatorValue] = []
    seen: set[str] = set()
    for k, row in enumerate(r.get(data, (), "values", list, "各指标的当前值") or []):
        ptr = ("values", k)
        iid = r.get(row, ptr, "indicator", str, "指标标识", f"第 {k + 1} 个指标")
        if isinstance(row, dict):
            r.unknown_keys(row, ptr, {"indicator", "actual"}, f"第 {k + 1} 个指标")
        if iid is None:
            continue
        ind = by_id.get(iid)
        if ind is None:
            r.fail(ptr + ("indicator",), "form.indicator-unknown", actual=iid, expected=list(by_id),
                   suggestion=suggestion(iid, list(by_id)))
            continue
        if iid in seen:
            r.fail(ptr + ("indicator",), "form.indicator-twice", name=ind.name)
            continue
        seen.add(iid)
        if ind.direction == "等级":
            grade = r.get(row, ptr, "actual", str, "当前等级", ind.name)
            if grade is not None and grade not in ind.grades:
                r.fail(ptr + ("actual",), "form.grade-unknown", name=ind.name, actual=grade, expected=list(ind.grades))
            elif grade is not None:
                out.append(IndicatorValue(ind, grade, ptr))
        else:
            value = r.get(row, ptr, "actual", (int, Decimal), "当前值（数字）", ind.name)
            if value is not None and ind.minimum is not None and value < ind.minimum:
                r.fail(ptr + ("actual",), "form.value-below", name=ind.name, actual=value, expected=ind.minimum,
                       unit=ind.unit, subject=ind.name)
            elif value is not None and ind.maximum is not None and value > ind.maximum:
                r.fail(ptr + ("actual",), "form.value-above", name=ind.name, actual=value, expected=ind.maximum,
                       unit=ind.unit, subject=ind.name)
            elif value is not None:
                out.append(IndicatorValue(ind, Decimal(value), ptr))
    if data.get("values") == []:
        r.fail(("values",), "form.values-empty")
    r.raise_if_any()
    return out
