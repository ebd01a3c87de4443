"""The review procedure's conclusions and consequences, and the objectives' indicator states, as engine programs."""

from __future__ import annotations

from typing import Sequence

from ..model.objectives import TARGET_REACHED, Indicator
from ..model.review import ReviewProcedure
from .conditions import kind_pattern, to_durable
from .engine_rules import Program, program, single

REVIEW = "review"
OUTCOME = "outcome"
INDICATOR = "indicator"


def conclusions(proc: ReviewProcedure) -> Program:
    """Each conclusion over a review fact; the hit policy (first by priority) is applied to what matched."""
    return program("review_conclusion", [single(c.id, kind_pattern(REVIEW, to_durable(c.condition, proc.resolve)))
                                         for c in proc.conclusions])


def consequences(proc: ReviewProcedure) -> Program:
    return program("review_consequence", [single(q.id, kind_pattern(OUTCOME, to_durable(q.condition, proc.resolve)))
                                          for q in proc.consequences])


def indicator_states(indicators: Sequence[Indicator]) -> Program:
    """Each indicator's states, and whether it reaches its target (key `<id>:达到目标值`)."""
    rules = [single(f"{ind.id}:{state}", kind_pattern(INDICATOR, to_durable(cond)))
             for ind in indicators for state, cond in ind.rules()]
    rules += [single(f"{ind.id}:{TARGET_REACHED}", kind_pattern(INDICATOR, to_durable(cond)))
              for ind in indicators if (cond := ind.target_rule()) is not None]
    return program("indicator_state", rules)
