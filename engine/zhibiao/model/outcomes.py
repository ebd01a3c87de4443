"""What a scheme decides besides points: 一票否决, 评优限制, 考核等级 and 评比 (awards)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..errors import Location
from .common import Source


@dataclass(frozen=True)
class Veto:
    """一票否决: when the condition holds, the total becomes `score` and/or the grade becomes `grade`,
    whatever the points; a vetoed subject takes part in no award."""

    id: str
    name: str
    text: str
    when: dict
    score: Decimal | None = None
    grade: str = ""
    blocks: tuple[str, ...] = ()
    source: Source | None = None
    decision: str = ""
    location: Location | None = None


@dataclass(frozen=True)
class Eligibility:
    """评优限制: never changes the score; caps the grade (`max_grade`) and/or excludes from awards (`excludes`,
    empty with no max_grade = every award). Applies `when` a condition holds, or to the `top` subjects with the
    `most` of a value (ties included, a value of 0 never counts)."""

    id: str
    name: str
    text: str
    when: dict | None = None
    most: str = ""
    top: int = 0
    among: str = ""
    max_grade: str = ""
    excludes: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()
    source: Source | None = None
    decision: str = ""
    location: Location | None = None

    @property
    def all_awards(self) -> bool:
        return not self.excludes and not self.max_grade


@dataclass(frozen=True)
class Grading:
    """考核等级: levels best first, each from `at_least` (inclusive) up to the level above; the last has none."""

    levels: tuple[tuple[str, Decimal | None], ...]
    blocks: tuple[str, ...] = ()
    text: str = ""
    source: Source | None = None
    decision: str = ""

    def names(self) -> tuple[str, ...]:
        return tuple(g for g, _ in self.levels)

    def worse(self, a: str, b: str) -> str:
        """The lower of two grades."""
        order = self.names()
        return a if order.index(a) >= order.index(b) else b


@dataclass(frozen=True)
class AwardTier:
    name: str
    count: int = 0
    share: Decimal | None = None   # a fraction of the subjects in the award's scope (floor)


@dataclass(frozen=True)
class Awards:
    name: str
    text: str
    scope: str
    basis: str
    tie_break: str
    tiers: tuple[AwardTier, ...]
    source: Source | None
    decision: str = ""
    id: str = ""
    blocks: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()   # only subjects with one of these grades compete
