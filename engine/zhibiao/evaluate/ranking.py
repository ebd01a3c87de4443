"""Ranking within each block and the 方案评比 awards of a whole Result, with ties shared and explained
("1、2、2、4"). Ranks, and the awards of a plain scheme (one award, fixed counts, every subject eligible), come
from `standings.Standings`, which province-wide streaming jobs use as well. Awards of the general assessment
language (several awards, shares of a pool, grades, blocks, eligibility limits) are given by `assign_awards`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from ..model.results import SubjectResult
from ..model.scheme import Awards
from ..numbers import fmt
from .standings import Standings, sort_key


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


def _quota(tier_count: int, share: Decimal | None, size: int) -> int:
    """名额: a count, or a share of the subjects in the award's scope, short of one dropped (“不超过”)."""
    return int((share * size).to_integral_value(rounding=ROUND_FLOOR)) if share is not None else tier_count


@dataclass
class _Won:
    rank: int
    tier: str
    count: int
    names: list[tuple[Any, str]] = field(default_factory=list)  # (index, name) of the members, when tied


class AwardTable:
    """One award of the general language (shares of a pool, grades, blocks, eligibility) from a compact key table:
    the one way awards are given, whether the results are in memory (`assign_awards`) or on disk (`jobs.batch`).

    `add` every subject in input order: its block, whether it may compete (`allowed`) and its two keys; `finish`;
    then `needs_name` says which subjects' names the notes of a tie need (`add_name` them, in input order), and
    `award` gives each subject its tier and note. Memory: a count per distinct key of each pool, and the names of
    tied winners. Keys are compared as exactly ordered doubles (`standings.sort_key`)."""

    def __init__(self, awards: Awards, basis_name: str, tie_name: str) -> None:
        self.awards, self.basis_name, self.tie_name = awards, basis_name, tie_name
        self._sizes: dict[str, int] = {}                            # pool → subjects in scope (first-seen order)
        self._keys: dict[str, dict[tuple[float, float], int]] = {}  # pool → key → allowed subjects with it
        self._won: dict[tuple[str, tuple[float, float]], _Won] = {}
        self._bounds: dict[str, list[tuple[int, str]]] = {}
        self.note = ""

    def pool(self, block: str) -> str | None:
        """The pool a subject of `block` competes in (None: the award is not for its block)."""
        a = self.awards
        if a.blocks and block not in a.blocks:
            return None
        return "" if a.scope == "全院" else block

    def add(self, block: str, allowed: bool, basis: Decimal | None, tie: Decimal | None) -> None:
        pool = self.pool(block)
        if pool is None or basis is None or tie is None:
            return
        self._sizes[pool] = self._sizes.get(pool, 0) + 1
        if allowed:
            keys = self._keys.setdefault(pool, {})
            key = (sort_key(basis), sort_key(tie))
            keys[key] = keys.get(key, 0) + 1

    def finish(self) -> None:
        for pool, size in self._sizes.items():
            bounds = []
            acc = 0
            for t in self.awards.tiers:
                acc += _quota(t.count, t.share, size)
                bounds.append((acc, t.name))
            position = 1
            for key in sorted(self._keys.get(pool, {}), reverse=True):
                tier = next((name for limit, name in bounds if position <= limit), None)
                if tier is None:
                    break
                count = self._keys[pool][key]
                self._won[pool, key] = _Won(position, tier, count)
                position += count
            self._bounds[pool] = bounds

    def won(self, block: str, allowed: bool, basis: Decimal | None, tie: Decimal | None) -> _Won | None:
        pool = self.pool(block)
        if pool is None or not allowed or basis is None or tie is None:
            return None
        return self._won.get((pool, (sort_key(basis), sort_key(tie))))

    def needs_name(self, block: str, allowed: bool, basis: Decimal | None, tie: Decimal | None) -> bool:
        w = self.won(block, allowed, basis, tie)
        return w is not None and w.count > 1

    def add_name(self, index: Any, block: str, basis: Decimal, tie: Decimal, name: str) -> None:
        w = self.won(block, True, basis, tie)
        assert w is not None
        w.names.append((index, name))

    def notes(self) -> str:
        """The note on ties at award boundaries (pools in first-seen order, best keys first); after the names."""
        out = []
        for pool in self._sizes:
            bounds = self._bounds[pool]
            for key in sorted(self._keys.get(pool, {}), reverse=True):
                w = self._won.get((pool, key))
                if w is None:
                    break
                limit = next(lim for lim, name in bounds if name == w.tier)
                if w.count > 1 and w.rank + w.count - 1 > limit:
                    out.append(f"{w.tier}处并列：{'、'.join(n for _, n in sorted(w.names))} 同分并列第 {w.rank} 名，"
                               f"均获{w.tier}，获奖部门因此多于名额")
        return "；".join(out)

    def award(self, index: Any, block: str, allowed: bool, basis: Decimal | None, tie: Decimal | None) -> tuple[str | None, str]:
        w = self.won(block, allowed, basis, tie)
        if w is None or basis is None or tie is None:
            return None, ""
        note = (f"{self.awards.name}第 {w.rank} 名（{self.basis_name} {fmt(basis)} 分、"
                f"{self.tie_name} {fmt(tie)} 分）")
        if w.count > 1:
            note += f"，与 {'、'.join(n for i, n in sorted(w.names) if i != index)} 并列"
        return w.tier, note


def add_award(s: SubjectResult, tier: str | None, note: str) -> None:
    """A subject's award among several: tiers joined by “、”, notes by “；”."""
    if tier is None:
        return
    s.award = tier if not s.award else f"{s.award}、{tier}"
    s.award_note = note if not s.award_note else f"{s.award_note}；{note}"


def award_names(results: list[SubjectResult], awards: Awards) -> tuple[str, str]:
    return tuple("总分" if k == "total" else _name(results, k) for k in (awards.basis, awards.tie_break))  # type: ignore[return-value]


def assign_awards(results: list[SubjectResult], awards: Awards | None, allowed: set[int] | None = None) -> str:
    """Give each subject its award (if any); return a note about ties at award boundaries.

    Only the subjects at positions `allowed` compete (None: all); the award's blocks (if any) and scope (全院 or
    板块) make the pools, and a share quota counts every subject of the pool's scope."""
    if awards is None or not results:
        return ""
    table = AwardTable(awards, *award_names(results, awards))
    keys = [award_keys(r, awards) if table.pool(r.block) is not None else (None, None) for r in results]
    ok = [allowed is None or i in allowed for i in range(len(results))]
    for r, may, (basis, tie) in zip(results, ok, keys):
        table.add(r.block, may, basis, tie)
    table.finish()
    for i, (r, may, (basis, tie)) in enumerate(zip(results, ok, keys)):
        if table.needs_name(r.block, may, basis, tie):
            table.add_name(i, r.block, basis, tie, r.name)
    for i, (r, may, (basis, tie)) in enumerate(zip(results, ok, keys)):
        add_award(r, *table.award(i, r.block, may, basis, tie))
    return table.notes()


def _name(results: list[SubjectResult], cid: str) -> str:
    for r in results:
        found = next((c for c in r.all_categories() if c.id == cid), None)
        if found is not None:
            return found.name
    return cid
