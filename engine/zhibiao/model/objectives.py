"""Quality objectives (质量方针与质量目标): indicators with 目标值 / 标准值 / 预警值 and their states.

Reading (see objectives.yaml `decision`): for 越高越好, actual ≥ 预警值 → 达标; 标准值 ≤ actual < 预警值 → 预警;
actual < 标准值 → 未达标 (mirrored for 越低越好). Without 预警值 only 达标 / 未达标. 目标值 only informs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .common import DocumentMeta, Source

STATES = ("达标", "预警", "未达标")
TARGET_REACHED = "达到目标值"
Notes = tuple[str, ...]


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
    source: Source | None = None
    decision: Notes = ()
    minimum: Decimal | None = None   # the range a current value may take (a percentage: 0–100)
    maximum: Decimal | None = None

    def rules(self) -> list[tuple[str, dict]]:
        """(state, condition) pairs over the fact fields `indicator` and `actual` (or `grade_rank`): the
        indicator's statement in the condition language, which the engine then decides."""
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

    def target_rule(self) -> dict | None:
        """Whether the current value reaches 目标值 (informative only; no state depends on it)."""
        if self.target is None or self.direction == "等级":
            return None
        return {"all": [{"indicator": self.id}, {"actual": {"gte" if self.direction == "越高越好" else "lte": self.target}}]}


@dataclass(frozen=True)
class Policy:
    text: str
    source: Source


@dataclass(frozen=True)
class Objectives:
    meta: DocumentMeta
    text: str
    indicators: tuple[Indicator, ...]
    policy: Policy | None = None
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def id(self) -> str:
        return self.meta.id

    def indicator(self, iid: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == iid), None)


@dataclass
class IndicatorValue:
    """One submitted value: the indicator, its current value (a Decimal, or a grade), where it was written."""

    indicator: Indicator
    actual: Any
    pointer: tuple


@dataclass
class IndicatorResult:
    indicator: Indicator
    actual: Any
    state: str
    explanation: str
