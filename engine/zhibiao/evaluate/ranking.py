"""Ranking within each block and the 方案评比 awards of a whole Result, with ties shared and explained
("1、2、2、4"). The algorithm is `standings.Standings`, which province-wide streaming jobs use as well."""

from __future__ import annotations

from decimal import Decimal

from ..model.results import SubjectResult
from ..model.scheme import Awards
from .standings import Standings


def award_keys(s: SubjectResult, awards: Awards | None) -> tuple[Decimal | None, Decimal | None]:
    """The two scores an award compares (its basis, then its tie-break): the total or a category's score."""
    if awards is None:
        return None, None
    return _score(s, awards.basis), _score(s, awards.tie_break)


def _score(s: SubjectResult, basis: str) -> Decimal:
    return s.total if basis == "total" else s.category(basis).score


def standings_for(results: list[SubjectResult], awards: Awards | None) -> Standings:
    names = [("总分" if key == "total" else results[0].category(key).name) if awards and results else ""
             for key in ((awards.basis, awards.tie_break) if awards else ("", ""))]
    table = Standings(awards, *names)
    for i, r in enumerate(results):
        table.add(i, r.name, r.block, r.total, *award_keys(r, awards))
    table.finish()
    return table


def rank_and_award(results: list[SubjectResult], awards: Awards | None) -> str:
    """Give each subject its rank in its block (with a note on ties) and its award; return the note about ties
    at award boundaries."""
    if not results:
        return ""
    table = standings_for(results, awards)
    for i, r in enumerate(results):
        placed = table.place(i, r.name, r.block, r.total, *award_keys(r, awards))
        r.rank, r.rank_note, r.award = placed.rank, placed.rank_note, placed.award
        if placed.award_note:
            r.award_note = placed.award_note
    return table.awards_note
