"""指标状态 (达标 / 预警 / 未达标) from 目标值 / 标准值 / 预警值, evaluated by durable-rules.

Reading (see objectives.yaml `decision`): for 越高越好, actual ≥ 预警值 → 达标; 标准值 ≤ actual < 预警值 → 预警;
actual < 标准值 → 未达标 (mirrored for 越低越好). Without 预警值 only 达标 / 未达标. 目标值 only informs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..conditions import describe, holds
from ..errors import Problem
from ..loading import Document, load_file
from ..paths import relative
from ..rete import EngineError, MatchRule, ruleset
from .common import Reader, engine_number, find_document, load_controlled, suggest

STATES = ("达标", "预警", "未达标")


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    unit: str
    direction: str
    target: Decimal | None
    standard: Decimal | None
    warning: Decimal | None
    grades: tuple[str, ...]
    standard_grade: str | None
    text: str

    def rules(self) -> list[tuple[str, dict]]:
        """(state, condition) pairs over the fact fields `indicator` and `actual` (or `grade_rank`)."""
        me = {"indicator": self.id}
        if self.direction == "等级":
            floor = self.grades.index(self.standard_grade or "")
            return [("达标", {"all": [me, {"grade_rank": {"gte": floor}}]}),
                    ("未达标", {"all": [me, {"grade_rank": {"lt": floor}}]})]
        good, bad = ("gte", "lt") if self.direction == "越高越好" else ("lte", "gt")
        out = [("达标", {"all": [me, {"actual": {good: self.warning if self.warning is not None else self.standard}}]})]
        if self.warning is not None:
            out.append(("预警", {"all": [me, {"actual": {good: self.standard, bad: self.warning}}]}))
        out.append(("未达标", {"all": [me, {"actual": {bad: self.standard}}]}))
        return out


def _dec(v: Any) -> Decimal | None:
    return None if v is None else Decimal(v)


def build_indicators(doc: Document) -> list[Indicator]:
    return [Indicator(i["id"], i["name"], i.get("unit", ""), i["direction"], _dec(i.get("target")), _dec(i.get("standard")),
                      _dec(i.get("warning")), tuple(i.get("grades", [])), i.get("standard_grade"), i["text"])
            for i in doc.data["indicators"]]


def check_indicators(doc: Document) -> list[Problem]:
    out: list[Problem] = []
    seen: set[str] = set()
    for k, i in enumerate(doc.data["indicators"]):
        ptr = ("indicators", k)
        if i["id"] in seen:
            out.append(Problem(doc.where(ptr + ("id",)), f"指标标识“{i['id']}”重复"))
        seen.add(i["id"])
        if i["direction"] == "等级":
            if not i.get("grades") or i.get("standard_grade") not in i.get("grades", []):
                out.append(Problem(doc.where(ptr), f"指标“{i['name']}”按等级判断，需要 grades（等级列表）和其中之一作为 standard_grade"))
            continue
        if i.get("standard") is None:
            out.append(Problem(doc.where(ptr), f"指标“{i['name']}”缺少标准值（standard）"))
            continue
        order = [("standard", "标准值"), ("warning", "预警值"), ("target", "目标值")]
        present = [(key, label, Decimal(i[key])) for key, label in order if i.get(key) is not None]
        for (k1, l1, v1), (k2, l2, v2) in zip(present, present[1:]):
            ok = v1 <= v2 if i["direction"] == "越高越好" else v1 >= v2
            if not ok:
                rel = "≤" if i["direction"] == "越高越好" else "≥"
                out.append(Problem(doc.where(ptr + (k2,)),
                                   f"指标“{i['name']}”（{i['direction']}）应满足 {l1} {rel} {l2}，实际 {l1} {v1}、{l2} {v2}"))
    return out


@dataclass
class IndicatorResult:
    indicator: Indicator
    actual: Any
    state: str
    explanation: str


def _fmt(v: Any) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")
    return str(v)


def _explain(ind: Indicator, actual: Any, state: str, cond: dict) -> str:
    u = ind.unit
    if ind.direction == "等级":
        return f"{ind.name}为“{actual}”，{'达到' if state == '达标' else '未达到'}“{ind.standard_grade}及以上”（{ind.text}）"
    parts = [f"当前值 {_fmt(actual)}{u}", f"标准值 {_fmt(ind.standard)}{u}"]
    if ind.warning is not None:
        parts.append(f"预警值 {_fmt(ind.warning)}{u}")
    if ind.target is not None:
        parts.append(f"目标值 {_fmt(ind.target)}{u}")
    rule = describe({k: v for c in cond["all"][1:] for k, v in c.items()}, {"actual": "当前值"})
    tail = ""
    if ind.target is not None:
        reached = actual >= ind.target if ind.direction == "越高越好" else actual <= ind.target
        tail = "；已达到目标值" if reached else "；未达到目标值"
    return f"{'，'.join(parts)}；{state}：{rule}{tail}（{ind.text}）"


def read_values(path: str | Path, indicators: list[Indicator]) -> tuple[str | None, list[tuple[Indicator, Any, int]]]:
    doc = load_file(relative(path))
    r = Reader(doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(doc.data, dict):
        r.fail((), "指标填报文件应为键值表，含 values（各指标的当前值）")
        r.raise_if_any()
    r.unknown_keys(data, (), {"objectives", "period", "values"})
    by_id = {i.id: i for i in indicators}
    out: list[tuple[Indicator, Any, int]] = []
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
            r.fail(ptr + ("indicator",), f"未知的指标“{iid}”{suggest(iid, list(by_id))}（可选：{'、'.join(by_id)}）")
            continue
        if iid in seen:
            r.fail(ptr + ("indicator",), f"指标“{ind.name}”重复填报")
            continue
        seen.add(iid)
        if ind.direction == "等级":
            grade = r.get(row, ptr, "actual", str, "当前等级", ind.name)
            if grade is not None and grade not in ind.grades:
                r.fail(ptr + ("actual",), f"{ind.name}：等级“{grade}”不在可选值中（可选：{'、'.join(ind.grades)}）")
            elif grade is not None:
                out.append((ind, grade, k))
        else:
            value = r.get(row, ptr, "actual", (int, Decimal), "当前值（数字）", ind.name)
            if value is not None:
                out.append((ind, Decimal(value), k))
    r.raise_if_any()
    return data.get("objectives"), out


def evaluate(values: list[tuple[Indicator, Any, int]]) -> list[IndicatorResult]:
    indicators = list(dict.fromkeys(ind for ind, _, _ in values))
    pairs = [(f"{ind.id}:{state}", cond) for ind in indicators for state, cond in ind.rules()]
    engine = ruleset("indicator_state", [MatchRule(key, _durable(cond)) for key, cond in pairs])
    conds = dict(pairs)
    facts = []
    for n, (ind, actual, _) in enumerate(values):
        fact: dict[str, Any] = {"id": f"i{n}", "kind": "indicator", "indicator": ind.id}
        if ind.direction == "等级":
            fact["grade_rank"] = ind.grades.index(actual)
        else:
            fact["actual"] = engine_number(actual)
        facts.append([fact])
    results = []
    for (ind, actual, _), fact, matches in zip(values, facts, engine.match_groups(facts)):
        states = sorted({m.rule.split(":", 1)[1] for m in matches}, key=STATES.index)
        ref = [s for s, c in ind.rules() if holds(c, _ref_fact(ind, actual))]
        if len(states) != 1 or states != ref:
            raise EngineError([Problem(_loc(), f"指标“{ind.name}”：规则引擎结果 {states} 与参考判定 {ref} 不一致，已停止")])
        state = states[0]
        results.append(IndicatorResult(ind, actual, state, _explain(ind, actual, state, conds[f"{ind.id}:{state}"])))
    return results


def _ref_fact(ind: Indicator, actual: Any) -> dict:
    if ind.direction == "等级":
        return {"indicator": ind.id, "grade_rank": ind.grades.index(actual)}
    return {"indicator": ind.id, "actual": actual}


def _durable(cond: dict) -> dict:
    from ..conditions import to_durable

    return to_durable(cond)


def _loc():
    from ..errors import Location

    return Location("<engine>")


def indicators_file(path: str | Path, objectives: str | Path | None = None) -> list[IndicatorResult]:
    if objectives is None:
        raw = load_file(relative(path)).data
        oid = raw.get("objectives") if isinstance(raw, dict) else None
        objectives = find_document("objectives", oid if isinstance(oid, str) else None, "objectives.yaml")
    doc = load_controlled(objectives, "objectives")
    _, values = read_values(path, build_indicators(doc))
    return evaluate(values)
