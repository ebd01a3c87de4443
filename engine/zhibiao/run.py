"""One scoring job end to end: submission file → scheme → scores, ranks, awards → a Run."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .errors import Location, Problem, UsageError
from .model import Scheme
from .ranking import assign_awards, rank_blocks
from .repository import find_scheme, revision_of
from .results import Run
from .scoring import score_subjects
from .submission import Submission, read_header, read_submission


def score_file(path: str, scheme_ref: str | None = None, as_of: dt.date | None = None,
               year_end_weight: Decimal | None = None) -> Run:
    return score_with(path, resolve_scheme(path, scheme_ref), as_of, year_end_weight)


def resolve_scheme(path: str, scheme_ref: str | None = None) -> Scheme:
    _, ident, version = read_header(path)
    if scheme_ref:
        ident, _, ver = scheme_ref.partition("@")
        version = ver or None
    return find_scheme(ident, version)


def score_with(path: str, scheme: Scheme, as_of: dt.date | None = None,
               year_end_weight: Decimal | None = None, sub: Submission | None = None) -> Run:
    """Score a submission file under the given scheme object (any version, e.g. from git history)."""
    doc, _, _ = read_header(path)
    sub = sub or read_submission(doc, scheme)
    when = as_of or sub.end
    if when < scheme.meta.effective:
        raise UsageError([Problem(Location(doc.path), f"评分日期 {when} 早于方案“{scheme.id}”{scheme.version} 的生效日期 "
                                                       f"{scheme.meta.effective}：该日期没有可用的条款（可用 --as-of 指定日期）")])
    fired: set[str] = set()
    results = score_subjects(scheme, sub.subjects, when, fired)
    rank_blocks(results)
    note = assign_awards(results, scheme.awards)
    weight = year_end_weight
    if weight is None:
        p = scheme.parameter("year_end_weight")
        weight = p.values.at(when) if p else None
    if weight is not None:
        for r in results:
            r.year_end = r.total * weight
    return Run(scheme.id, scheme.meta.title, scheme.version, scheme.content_hash, when,
               sub.period_name or f"{sub.start} 至 {sub.end}", doc.path, weight, results, note, fired,
               revision_of(scheme))
