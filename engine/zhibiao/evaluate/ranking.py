"""Ranking within each block and the 方案评比 awards of a whole Result, with ties shared and explained
("1、2、2、4"). Ranks, and the awards of a plain scheme (one award, fixed counts, every subject eligible), come
from `standings.Standings`, which province-wide streaming jobs use as well. Awards of the general assessment
language (several awards, shares of a pool, grades, blocks, eligibility limits) are given by `assign_awards`."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import Callable

from ..model.results import SubjectResult
from ..model.scheme import Awards
from ..numbers import fmt
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


def _competition_ranks(items: list[SubjectResult], key: Callable[[SubjectResult], tuple]) -> list[tuple[int, list[SubjectResult]]]:
    ordered = sorted(items, key=key, reverse=True)
    out: list[tuple[int, list[SubjectResult]]] = []
    position = 0
    for s in ordered:
        position += 1
        if out and key(out[-1][1][0]) == key(s):
            out[-1][1].append(s)
        else:
            out.append((position, [s]))
    return out


def _quota(tier_count: int, share: Decimal | None, size: int) -> int:
    """名额: a count, or a share of the subjects in the award's scope, short of one dropped (“不超过”)."""
    return int((share * size).to_integral_value(rounding=ROUND_FLOOR)) if share is not None else tier_count


def assign_awards(results: list[SubjectResult], awards: Awards | None, allowed: set[int] | None = None) -> str:
    """Give each subject its award (if any); return a note about ties at award boundaries.

    Only the subjects at positions `allowed` compete (None: all); the award's blocks (if any) and scope (全院 or
    板块) make the pools, and a share quota counts every subject of the pool's scope."""
    if awards is None or not results:
        return ""
    index = {id(r): i for i, r in enumerate(results)}
    scoped = [r for r in results if not awards.blocks or r.block in awards.blocks]
    scopes = [scoped] if awards.scope == "全院" else [
        [r for r in scoped if r.block == b] for b in dict.fromkeys(r.block for r in scoped)]
    notes = []
    basis_name = "总分" if awards.basis == "total" else (_name(results, awards.basis))
    tie_name = "总分" if awards.tie_break == "total" else (_name(results, awards.tie_break))
    for scope in scopes:
        bounds = []
        acc = 0
        for t in awards.tiers:
            acc += _quota(t.count, t.share, len(scope))
            bounds.append((acc, t.name))
        pool = [r for r in scope if allowed is None or index[id(r)] in allowed]
        key = lambda s: (_score(s, awards.basis), _score(s, awards.tie_break))  # noqa: E731
        for rank, group in _competition_ranks(pool, key):
            tier = next((name for limit, name in bounds if rank <= limit), None)
            if not tier:
                continue
            for s in group:
                s.award = tier if not s.award else f"{s.award}、{tier}"
                basis = f"{basis_name} {fmt(_score(s, awards.basis))} 分、{tie_name} {fmt(_score(s, awards.tie_break))} 分"
                note = f"{awards.name}第 {rank} 名（{basis}）"
                if len(group) > 1:
                    note += f"，与 {'、'.join(o.name for o in group if o is not s)} 并列"
                s.award_note = note if not s.award_note else f"{s.award_note}；{note}"
            if len(group) > 1:
                last = rank + len(group) - 1
                limit = next(lim for lim, name in bounds if name == tier)
                if last > limit:
                    notes.append(f"{tier}处并列：{'、'.join(s.name for s in group)} 同分并列第 {rank} 名，"
                                 f"均获{tier}，获奖部门因此多于名额")
    return "；".join(notes)


def _name(results: list[SubjectResult], cid: str) -> str:
    for r in results:
        found = next((c for c in r.all_categories() if c.id == cid), None)
        if found is not None:
            return found.name
    return cid
