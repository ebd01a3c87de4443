"""One scoring job: a checked submission under a scheme → scores, ranks, awards → a Result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..errors import Location, Problem, UsageError
from ..model.results import Result
from ..model.scheme import Scheme
from ..model.submission import Submission
from .ranking import assign_awards, rank_blocks
from .scoring import Decide, engine_decisions, score_subjects


def check_weight(weight: Decimal | None, where: str = "--year-end-weight") -> None:
    if weight is not None and not (weight.is_finite() and 0 <= weight <= 1):
        raise UsageError([Problem.of("score.bad-weight", Location(where), actual=weight, expected="0～1")])


def score_submission(sub: Submission, scheme: Scheme, as_of: dt.date | None = None,
                     year_end_weight: Decimal | None = None, decide: Decide = engine_decisions) -> Result:
    """Score every subject of a checked submission under `scheme` (any version, e.g. from git history)."""
    when = as_of or sub.end
    if when < scheme.meta.effective:
        raise UsageError([Problem.of("score.before-effective", Location(sub.path), actual=when, scheme=scheme.id,
                                     version=scheme.version, expected=scheme.meta.effective)])
    check_weight(year_end_weight)
    fired: set[str] = set()
    results = score_subjects(scheme, sub.subjects, when, fired, decide)
    rank_blocks(results)
    note = assign_awards(results, scheme.awards)
    weight = year_end_weight
    if weight is None:
        p = scheme.parameter("year_end_weight")
        weight = p.values.at(when) if p else None
    if weight is not None:
        for r in results:
            r.year_end = r.total * weight
    return Result(scheme.id, scheme.meta.title, scheme.version, scheme.content_hash, when,
                  sub.period_name or f"{sub.start} 至 {sub.end}", sub.path, weight, results, note, fired,
                  scheme.revision, scheme)
