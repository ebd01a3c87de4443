"""One scoring job: a checked submission under a scheme → scores, ranks, awards → a Result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from .. import messages, progress
from ..errors import Location, Problem, UsageError
from ..compile.scheme import compile_block
from ..model.results import Result, SubjectResult
from ..model.scheme import Scheme
from ..model.submission import SubjectInput, Submission
from .outcomes import apply_block, candidates
from .prepare import Entry, RankTable, prepare
from .ranking import assign_awards, rank_and_award
from .scoring import Decide, engine_decisions, score_block


def check_weight(weight: Decimal | None, where: str = "--year-end-weight") -> None:
    if weight is not None and not (weight.is_finite() and 0 <= weight <= 1):
        raise UsageError([Problem.of("score.bad-weight", Location(where), actual=weight, expected="0～1")])


class Partial:
    """Ranks and awards of an incomplete submission compare only the subjects submitted: each award says so.
    `counts`: subjects scored per block. Shared by the whole-file and the streaming paths."""

    def __init__(self, warnings: list[Problem], scheme: Scheme, counts: dict[str, int]) -> None:
        self.partial = {w.get("block_id") for w in warnings if w.code == "submission.partial"}
        absent = {b for w in warnings if w.code == "submission.block-absent" for b in w.get("block_ids")}
        self.active = bool(self.partial or absent)
        self.scheme, self.counts, self.total = scheme, counts, sum(counts.values())
        self.whole_college = scheme.awards is not None and scheme.awards.scope == "全院"

    def award_note(self, block: str, award: str | None, note: str) -> str:
        if not self.active or not award or not (self.whole_college or block in self.partial):
            return note
        pool = self.total if self.whole_college else self.counts[block]
        return messages.render("score.partial-award", {"note": note, "count": pool})

    def awards_note(self, note: str) -> str:
        if not self.active or self.scheme.awards is None or not (self.whole_college or self.partial):
            return note
        listed = sum(len(b.subjects) for b in self.scheme.blocks)
        extra = messages.render("score.partial-awards", {"actual": self.total, "expected": listed})
        return f"{note}；{extra}" if note else extra


def _partial_notes(sub: Submission, scheme: Scheme, results: list, note: str) -> str:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.block] = counts.get(r.block, 0) + 1
    partial = Partial(sub.warnings, scheme, counts)
    for r in results:
        r.award_note = partial.award_note(r.block, r.award, r.award_note)
    return partial.awards_note(note)


def scoring_terms(sub: Submission, scheme: Scheme, as_of: dt.date | None = None,
                  year_end_weight: Decimal | None = None) -> tuple[dt.date, Decimal | None]:
    """The date scored at (default: the period's last day) and the year-end weight (given, else the scheme's),
    refusing a date before the scheme took effect. Every scoring path (whole, streamed, parallel, Spark,
    service) starts here."""
    when = as_of or sub.end
    if when < scheme.meta.effective:
        raise UsageError([Problem.of("score.before-effective", Location(sub.path), actual=when, scheme=scheme.id,
                                     version=scheme.version, expected=scheme.meta.effective)])
    check_weight(year_end_weight)
    weight = year_end_weight
    if weight is None:
        p = scheme.parameter("year_end_weight")
        weight = p.values.at(when) if p else None
    return when, weight


def period_label(sub: Submission) -> str:
    return sub.period_name or f"{sub.start} 至 {sub.end}"


def score_submission(sub: Submission, scheme: Scheme, as_of: dt.date | None = None,
                     year_end_weight: Decimal | None = None, decide: Decide = engine_decisions) -> Result:
    """Score every subject of a checked submission under `scheme` (any version, e.g. from git history)."""
    when, weight = scoring_terms(sub, scheme, as_of, year_end_weight)
    fired: set[str] = set()
    results = score_all(scheme, sub, when, fired, decide)
    note = rank_and_give_awards(scheme, results)
    note = _partial_notes(sub, scheme, results, note)
    if weight is not None:
        for r in results:
            r.year_end = r.total * weight
    return Result(scheme.id, scheme.meta.title, scheme.version, scheme.content_hash, when, period_label(sub),
                  sub.path, weight, results, note, fired, scheme.revision, scheme, list(sub.warnings),
                  period_start=sub.start, period_end=sub.end, college=sub.college)


def rank_and_give_awards(scheme: Scheme, results: list[SubjectResult]) -> str:
    """Ranks in each block, then the awards: a plain scheme's by `Standings` (as streaming jobs do), the general
    language's (several awards, shares, grades, blocks, eligibility limits) by `assign_awards`."""
    if scheme.plain_awards:
        return rank_and_award(results, scheme.awards)
    rank_and_award(results, None)
    allowed = candidates(scheme, results)
    return "；".join(n for a, ok in zip(scheme.award_list, allowed) if (n := assign_awards(results, a, ok)))


def score_all(scheme: Scheme, sub: Submission, when: dt.date, fired: set[str], decide: Decide) -> list[SubjectResult]:
    """Every subject, block by block in roll-up order (members before the groups that roll them up): measures,
    ranks and changes first, then the rules, then vetoes, limits and grades. Results in the input order."""
    progress.begin(progress.SCORE, len(sub.subjects))
    return score_blocks(scheme, list(sub.subjects), when, fired, decide)


def score_blocks(scheme: Scheme, subjects: list[SubjectInput], when: dt.date, fired: set[str] | None = None,
                 decide: Decide = engine_decisions, ranked: dict[str, dict[str, RankTable]] | None = None,
                 indices: list[int] | None = None, rolled: dict[str, dict[Any, list[Entry]]] | None = None
                 ) -> list[SubjectResult]:
    """`score_all` of some subjects: a whole submission, or one chunk of a streaming job (`jobs.batch`), which
    ranks by `ranked` (per block, the rank tables of a first pass over every subject; `indices`: the subjects'
    positions in the input) and reads roll-ups from `rolled` (per measure, the entries of every member,
    gathered by an earlier pass over the member blocks). Results in the input order."""
    out: dict[int, SubjectResult] = {}
    by_block: dict[str, list[int]] = {}
    for i, s in enumerate(subjects):
        by_block.setdefault(s.block, []).append(i)
    done: dict[str, list[SubjectResult]] = {}
    for bid in scheme.block_order:
        idxs = by_block.get(bid)
        if not idxs:
            continue
        chosen = [subjects[i] for i in idxs]
        prepared = prepare(scheme, bid, when, chosen, done, None if ranked is None else ranked.get(bid, {}),
                           None if indices is None else [indices[i] for i in idxs], rolled)
        block = compile_block(scheme, bid, when)
        results = list(score_block(block, chosen, fired, decide, prepared))
        apply_block(scheme, bid, results)
        done[bid] = results
        for i, r in zip(idxs, results):
            out[i] = r
    return [out[i] for i in range(len(subjects))]
