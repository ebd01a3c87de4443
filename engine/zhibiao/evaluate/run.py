"""One scoring job: a checked submission under a scheme → scores, ranks, awards → a Result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .. import messages
from ..errors import Location, Problem, UsageError
from ..model.results import Result
from ..model.scheme import Scheme
from ..model.submission import Submission
from .ranking import rank_and_award
from .scoring import Decide, engine_decisions, score_subjects


def check_weight(weight: Decimal | None, where: str = "--year-end-weight") -> None:
    if weight is not None and not (weight.is_finite() and 0 <= weight <= 1):
        raise UsageError([Problem.of("score.bad-weight", Location(where), actual=weight, expected="0～1")])


def _partial_notes(sub: Submission, scheme: Scheme, results: list, note: str) -> str:
    """Ranks and awards of an incomplete submission compare only the subjects submitted: each says so."""
    partial = {w.get("block_id") for w in sub.warnings if w.code == "submission.partial"}
    absent = {b for w in sub.warnings if w.code == "submission.block-absent" for b in w.get("block_ids")}
    if not partial and not absent:
        return note
    counts: dict[str, int] = {}
    for r in results:
        counts[r.block] = counts.get(r.block, 0) + 1
    whole_college = scheme.awards is not None and scheme.awards.scope == "全院"
    for r in results:
        if r.award and (whole_college or r.block in partial):
            pool = len(results) if whole_college else counts[r.block]
            r.award_note = messages.render("score.partial-award", {"note": r.award_note, "count": pool})
    if scheme.awards is not None and (whole_college or partial):
        listed = sum(len(b.subjects) for b in scheme.blocks)
        extra = messages.render("score.partial-awards", {"actual": len(results), "expected": listed})
        note = f"{note}；{extra}" if note else extra
    return note


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
    note = rank_and_award(results, scheme.awards)
    note = _partial_notes(sub, scheme, results, note)
    weight = year_end_weight
    if weight is None:
        p = scheme.parameter("year_end_weight")
        weight = p.values.at(when) if p else None
    if weight is not None:
        for r in results:
            r.year_end = r.total * weight
    return Result(scheme.id, scheme.meta.title, scheme.version, scheme.content_hash, when,
                  sub.period_name or f"{sub.start} 至 {sub.end}", sub.path, weight, results, note, fired,
                  scheme.revision, scheme, list(sub.warnings))
