"""Ranks within each block and the awards, from a compact key table: the one ranking algorithm of zhibiao.

A whole Result (`ranking.rank_blocks` / `assign_awards`) and a province-wide streaming job (`jobs.batch`, where
results are on disk, not in memory) both rank through `Standings`, so they agree subject by subject:
- block ranks: per block, how many subjects have each total (a province has few distinct totals); after `finish`,
  a subject's rank is 1 + the number of subjects with a higher total (competition ranking “1、2、2、4”);
- tie notes name the other subjects with the same total in input order. Only the first `NAMES_SHOWN` + 1 names
  of each total are kept, so a note reads “与 甲、乙…等 N 个考核对象相同” when a tie is large (at province scale
  thousands of subjects share a total; listing them all would make every note a megabyte);
- awards go to the best few of a pool, so only keys that can still win are kept: a key whose competition rank
  already exceeds the last tier never comes back (counts only grow), and is dropped.
A subject's `index` is its position in the input (any orderable value). Tables of parts of the input `merge` in
any order (the first names kept are always those of the lowest indices), so chunks scored by worker processes or
by Spark executors combine into the same table as one pass over the whole input.

Totals become doubles for sorting only; a total has at most 15 significant digits (as every number the engine
compares, see `limits`), and such decimals map to distinct, equally ordered doubles, so ties and order are exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import EngineError, Location, Problem
from ..model.scheme import Awards
from ..numbers import fmt

NAMES_SHOWN = 10  # decision: a tie note names at most this many other subjects, then gives the count
MAX_DIGITS = 15


def sort_key(value: Decimal) -> float:
    """A total (or category score) as an exactly ordered double."""
    found = _keys.get(value)
    if found is None:
        if len(value.as_tuple().digits) > MAX_DIGITS:
            raise EngineError([Problem.of("score.rank-digits", Location("<排名>"), actual=value, expected=MAX_DIGITS)])
        if len(_keys) > 50_000:
            _keys.clear()
        found = _keys[value] = float(value)
    return found


_keys: dict[Decimal, float] = {}  # few distinct totals recur across a province: convert each once


def name_list(names: list[str], count: int) -> str:
    """“甲、乙、丙”, or for a large tie the first names and the count: “甲、乙… 等 1234 个考核对象”."""
    shown = "、".join(names[:NAMES_SHOWN])
    return shown if count <= NAMES_SHOWN else f"{shown} 等 {count} 个考核对象"


def rank_note(total: Decimal, rank: int, others: list[str], count: int) -> str:
    return f"总分 {fmt(total)} 与 {name_list(others, count)} 相同，并列第 {rank} 名" if count else ""


@dataclass
class TieGroup:
    """Members of one tie key seen so far: how many, and the first few (input order) as (index, name)."""

    count: int = 0
    first: list[tuple[int, str]] = field(default_factory=list)
    note: str = ""  # the note of every member not among `first` (the same for all of them), once made

    def add(self, index: int, name: str) -> None:
        self.count += 1
        if len(self.first) <= NAMES_SHOWN:
            self.first.append((index, name))

    def merge(self, other: "TieGroup") -> None:
        self.count += other.count
        self.first = sorted(self.first + other.first)[:NAMES_SHOWN + 1]

    def others(self, index: int) -> list[str]:
        return [n for i, n in self.first if i != index][:NAMES_SHOWN]


@dataclass
class Placement:
    rank: int
    rank_note: str
    award: str | None
    award_note: str


class Standings:
    """Add every subject (in input order, or as ordered chunks merged), `finish`, then `place` each subject."""

    def __init__(self, awards: Awards | None, basis_name: str = "", tie_name: str = "") -> None:
        self.awards = awards
        self.basis_name = basis_name or "总分"
        self.tie_name = tie_name or "总分"
        self._groups: dict[tuple[str, float], TieGroup] = {}
        self._pools: dict[str, dict[tuple[float, float], TieGroup]] = {}
        self._limit = sum(t.count for t in awards.tiers) if awards else 0
        self._ranks: dict[tuple[str, float], int] = {}
        self._award_ranks: dict[str, list[tuple[tuple[float, float], int, TieGroup]]] = {}
        self.awards_note = ""

    # ---------------------------------------------------------------- collecting
    def add(self, index: int, name: str, block: str, total: Decimal, basis: Decimal | None = None,
            tie: Decimal | None = None) -> None:
        key = sort_key(total)
        group = self._groups.get((block, key))
        if group is None:
            group = self._groups[block, key] = TieGroup()
        group.add(index, name)
        if self.awards is not None and basis is not None and tie is not None:
            self._add_award(index, name, self.pool_of(block), (sort_key(basis), sort_key(tie)))

    def pool_of(self, block: str) -> str:
        return "" if self.awards is None or self.awards.scope == "全院" else block

    def _add_award(self, index: int, name: str, pool: str, key: tuple[float, float]) -> None:
        keys = self._pools.setdefault(pool, {})
        group = keys.get(key)
        if group is None:
            if len(keys) >= self._limit and key < min(keys):
                above = sum(g.count for g in keys.values())
                if above >= self._limit:
                    return  # at least `limit` subjects rank above: this key can never win an award
            group = keys[key] = TieGroup()
        group.add(index, name)
        self._prune(keys)

    def _prune(self, keys: dict[tuple[float, float], TieGroup]) -> None:
        """Drop the keys whose competition rank exceeds the last tier (it only gets worse as subjects arrive)."""
        if len(keys) <= self._limit:
            return
        above = 0
        for k in sorted(keys, reverse=True):
            if above >= self._limit:
                del keys[k]
            else:
                above += keys[k].count

    def merge(self, other: "Standings") -> "Standings":
        """Add the subjects another Standings collected (another part of the same input); returns self."""
        for key, group in other._groups.items():
            mine = self._groups.get(key)
            if mine is None:
                self._groups[key] = group
            else:
                mine.merge(group)
        for pool, keys in other._pools.items():
            mine_keys = self._pools.setdefault(pool, {})
            for key, group in keys.items():
                if key in mine_keys:
                    mine_keys[key].merge(group)
                else:
                    mine_keys[key] = group
            self._prune(mine_keys)
        return self

    # ---------------------------------------------------------------- ranking
    def finish(self) -> None:
        above: dict[str, int] = {}
        for block, key in sorted(self._groups, key=lambda bk: (bk[0], -bk[1])):
            self._ranks[block, key] = above.get(block, 0) + 1
            above[block] = above.get(block, 0) + self._groups[block, key].count
        self._groups = {k: g for k, g in self._groups.items() if g.count > 1}  # a lone total needs no note
        notes = []
        if self.awards is not None:
            bounds = []
            acc = 0
            for t in self.awards.tiers:
                acc += t.count
                bounds.append((acc, t.name))
            for pool, keys in self._pools.items():
                ranked = []
                position = 1
                for k in sorted(keys, reverse=True):
                    group = keys[k]
                    ranked.append((k, position, group))
                    tier = _tier(bounds, position)
                    last = position + group.count - 1
                    if tier and group.count > 1 and last > next(lim for lim, n in bounds if n == tier):
                        names = name_list([n for _, n in group.first], group.count)
                        notes.append(f"{tier}处并列：{names} 同分并列第 {position} 名，均获{tier}，获奖部门因此多于名额")
                    position += group.count
                self._award_ranks[pool] = ranked
            self._bounds = bounds
        self.awards_note = "；".join(notes)

    def place(self, index: int, name: str, block: str, total: Decimal, basis: Decimal | None = None,
              tie: Decimal | None = None) -> Placement:
        key = sort_key(total)
        rank = self._ranks[block, key]
        group = self._groups.get((block, key))
        if group is None:
            note = ""
        elif len(group.first) > NAMES_SHOWN and index > group.first[-1][0]:  # not among the names shown
            if not group.note:
                group.note = rank_note(total, rank, group.others(index), group.count - 1)
            note = group.note
        else:
            note = rank_note(total, rank, group.others(index), group.count - 1)
        award, award_note = None, ""
        if self.awards is not None and basis is not None and tie is not None:
            award, award_note = self._award(index, block, (sort_key(basis), sort_key(tie)), basis, tie)
        return Placement(rank, note, award, award_note)

    def _award(self, index: int, block: str, key: tuple[float, float], basis: Decimal,
               tie: Decimal) -> tuple[str | None, str]:
        for k, position, group in self._award_ranks.get(self.pool_of(block), ()):
            if k != key:
                continue
            tier = _tier(self._bounds, position)
            if tier is None:
                return None, ""
            assert self.awards is not None
            note = f"{self.awards.name}第 {position} 名（{self.basis_name} {fmt(basis)} 分、{self.tie_name} {fmt(tie)} 分）"
            if group.count > 1:
                note += f"，与 {name_list(group.others(index), group.count - 1)} 并列"
            return tier, note
        return None, ""


def _tier(bounds: list[tuple[int, str]], position: int) -> str | None:
    return next((name for limit, name in bounds if position <= limit), None)
