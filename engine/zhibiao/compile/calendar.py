"""The calendar's status rules (逾期/今天到期/即将到期/进行中/即将开始/未定日期/待定) as an engine program.

Python expands each obligation's schedule into dated occurrences and measures them against the day asked about
(days until due, days since work may start, days until the period ends); durable-rules decides which status each
occurrence has. Hit policy “first”: the first rule below that matches is the status; a fact no rule matches is
not listed. `horizon` (days ahead that count as 即将到期 / 即将开始) and `lookback` (days an overdue item stays
listed as 预警) are the run's parameters.
"""

from __future__ import annotations

from typing import Any

from ..model.operations import DUE_SOON, DUE_TODAY, IN_PROGRESS, OVERDUE, PENDING, STARTING_SOON, UNDATED
from .conditions import kind_pattern, to_durable
from .engine_rules import Program, program, single

OCCURRENCE = "occurrence"
# What an occurrence is, as the rules see it (the fact field `shape`)
DATED, ONGOING, UNDATED_SHAPE, WAITING, PHASE = "dated", "ongoing", "undated", "waiting", "phase"

# (status, condition) in priority order. Fields: shape; days_to_due (due − day asked); days_from_start
# (day asked − start); days_to_end (period end − day asked). Parameters: horizon, lookback_floor (= −lookback).
STATUS_RULES: tuple[tuple[str, dict], ...] = (
    (OVERDUE, {"all": [{"shape": DATED}, {"days_to_due": {"lt": 0, "gte": {"param": "lookback_floor"}}}]}),
    (DUE_TODAY, {"all": [{"shape": DATED}, {"days_to_due": 0}]}),
    (DUE_SOON, {"all": [{"shape": DATED}, {"days_to_due": {"gt": 0, "lte": {"param": "horizon"}}}]}),
    (IN_PROGRESS, {"any": [
        {"all": [{"shape": DATED}, {"days_from_start": {"gte": 0}}, {"days_to_due": {"gt": {"param": "horizon"}}}]},
        {"all": [{"shape": {"eq": ONGOING}}, {"days_from_start": {"gte": 0}}, {"days_to_end": {"gte": 0}}]},
        {"all": [{"shape": PHASE}, {"days_from_start": {"gte": 0}}, {"days_to_end": {"gte": 0}}]}]}),
    (STARTING_SOON, {"all": [{"shape": PHASE}, {"days_from_start": {"lt": 0, "gte": {"param": "horizon_floor"}}}]}),
    (UNDATED, {"all": [{"shape": UNDATED_SHAPE}, {"days_from_start": {"gte": 0}}, {"days_to_end": {"gte": 0}}]}),
    (PENDING, {"shape": WAITING}),
)


def parameters(horizon: int, lookback: int) -> dict[str, Any]:
    return {"horizon": horizon, "horizon_floor": -horizon, "lookback_floor": -lookback}


def statuses(horizon: int, lookback: int) -> Program:
    params = parameters(horizon, lookback)
    return program("calendar_status", [single(status, kind_pattern(OCCURRENCE, to_durable(cond, params.__getitem__)))
                                       for status, cond in STATUS_RULES], namespace="calendar")
