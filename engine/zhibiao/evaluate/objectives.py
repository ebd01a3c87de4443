"""指标状态 (达标 / 预警 / 未达标) decided by durable-rules from 目标值 / 标准值 / 预警值."""

from __future__ import annotations

from typing import Any, Sequence

from ..compile import review as compiled
from ..compile.conditions import FIELD, KIND
from ..conditions import describe
from ..model.objectives import STATES, TARGET_REACHED, Indicator, IndicatorResult, IndicatorValue
from ..numbers import fmt
from . import engine


def evaluate_indicators(values: list[IndicatorValue], indicators: Sequence[Indicator] | None = None,
                        ) -> list[IndicatorResult]:
    """The state of each value; `indicators` defaults to those the values name (the program is built from them)."""
    chosen = tuple(indicators) if indicators is not None else tuple(dict.fromkeys(v.indicator for v in values))
    rules = engine.ruleset(compiled.indicator_states(chosen))
    facts = []
    for n, v in enumerate(values):
        fact: dict[str, Any] = {"id": f"i{n}", KIND: compiled.INDICATOR, FIELD + "indicator": v.indicator.id}
        if v.indicator.direction == "等级":
            fact[FIELD + "grade_rank"] = v.indicator.grades.index(v.actual)
        else:
            fact[FIELD + "actual"] = v.actual  # a Decimal: the engine module writes it as durable-rules reads it
        facts.append([fact])
    results = []
    for v, matches in zip(values, rules.match_groups(facts)):
        fired = {m.rule.split(":", 1)[1] for m in matches}
        state = next(s for s in STATES if s in fired)  # the states partition the values: exactly one matches
        conds = dict(v.indicator.rules())
        results.append(IndicatorResult(v.indicator, v.actual, state,
                                       _explain(v.indicator, v.actual, state, conds[state], TARGET_REACHED in fired)))
    return results


def _explain(ind: Indicator, actual: Any, state: str, cond: dict, reached: bool) -> str:
    u = ind.unit
    if ind.direction == "等级":
        return f"{ind.name}为“{actual}”，{'达到' if state == '达标' else '未达到'}“{ind.standard_grade}及以上”（{ind.text}）"
    parts = [f"当前值 {fmt(actual)}{u}", f"标准值 {fmt(ind.standard)}{u}"]  # type: ignore[arg-type]
    if ind.warning is not None:
        parts.append(f"预警值 {fmt(ind.warning)}{u}")
    if ind.target is not None:
        parts.append(f"目标值 {fmt(ind.target)}{u}")
    rule = describe({k: v for c in cond["all"][1:] for k, v in c.items()}, {"actual": "当前值"})
    tail = ("；已达到目标值" if reached else "；未达到目标值") if ind.target is not None else ""
    return f"{'，'.join(parts)}；{state}：{rule}{tail}（{ind.text}）"
