"""The review procedure (复核程序, source 004) as one typed model — conclusions with their priority (hit policy
“first”), consequences, improvement period, sampling and publication — and a review's inputs and results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from fractions import Fraction
from math import ceil
from typing import Any

from ..errors import Location
from .common import DocumentMeta, Source

Notes = tuple[str, ...]
OTHERWISE = {"agree_count": {"gte": 0}}  # “上述标准以外的其他情况”: holds for every review


@dataclass(frozen=True)
class ReviewParameter:
    id: str
    name: str
    value: Any
    text: str
    source: Source
    decision: Notes = ()


@dataclass(frozen=True)
class Conclusion:
    id: str
    name: str
    priority: int
    text: str
    otherwise: bool
    source: Source
    conditions: tuple[dict, ...] = ()  # as written, parameters still symbolic
    combination: str = "all"           # resolved: all (全部成立) or any (任一成立)
    combination_param: str = ""        # the parameter it came from, if any
    decision: Notes = ()

    @property
    def condition(self) -> dict:
        return OTHERWISE if self.otherwise else {self.combination: list(self.conditions)}


@dataclass(frozen=True)
class Consequence:
    id: str
    name: str
    text: str
    measures: tuple[str, ...]
    condition: dict
    source: Source
    decision: Notes = ()


@dataclass(frozen=True)
class MeasuresAssessment:
    label: str
    text: str
    source: Source
    decision: Notes = ()


@dataclass(frozen=True)
class ImprovementPeriod:
    months: int
    text: str
    source: Source


@dataclass(frozen=True)
class Sampling:
    period_years: int
    min_fraction: str
    text: str
    source: Source
    first_round_year: int | None = None
    list_published_by: str = ""
    list_text: str = ""
    decision: Notes = ()

    def minimum_sample(self, total_colleges: int) -> int:
        """Fewest colleges to review in one period: “不少于总数的1/4”, rounded up."""
        return ceil(total_colleges * Fraction(self.min_fraction))

    def period_of(self, year: int) -> tuple[int, int]:
        """The period (first and last year) holding `year`, counted from the first round."""
        start = self.first_round_year or year
        offset = (year - start) // self.period_years * self.period_years
        return start + offset, start + offset + self.period_years - 1


@dataclass(frozen=True)
class Publication:
    days_before: int
    text: str
    source: Source
    materials: tuple[str, ...]
    where: str = ""

    def deadline(self, review_start: dt.date) -> dt.date:
        """Last day to publish the materials: `days_before` days before the review starts."""
        return review_start - dt.timedelta(days=self.days_before)


@dataclass(frozen=True)
class ElementName:
    """One declared review element as a submission names it."""

    name: str
    aliases: tuple[str, ...] = ()
    split_from: tuple[str, ...] = ()  # table element names it shares with others (a split)


@dataclass(frozen=True)
class ReviewProcedure:
    meta: DocumentMeta
    text: str
    parameters: tuple[ReviewParameter, ...]
    conclusions: tuple[Conclusion, ...]  # in priority order
    measures_assessments: tuple[MeasuresAssessment, ...]
    consequences: tuple[Consequence, ...]
    improvement_period: ImprovementPeriod
    sampling: Sampling
    publication: Publication
    decision: Notes = ()
    uncertain: Notes = ()
    element_list: str = ""                    # id of the declared element list (diagnosis-elements)
    elements: tuple[ElementName, ...] = ()    # that list's names, filled in by the repository
    element_table: str = ""                   # the diagnosis table the names come from (for split names)

    @property
    def id(self) -> str:
        return self.meta.id

    def element(self, name: str) -> ElementName | None:
        return next((e for e in self.elements if name == e.name or name in e.aliases), None)

    def split_of(self, name: str) -> tuple[str, ...]:
        """The declared elements a table element was split into (“课程质量保证” → 课程建设规划、课程诊改)."""
        return tuple(e.name for e in self.elements if name in e.split_from)

    @property
    def params(self) -> dict[str, Any]:
        return {p.id: p.value for p in self.parameters}

    def resolve(self, name: str) -> Any:
        return self.params[name]

    def parameter(self, pid: str) -> ReviewParameter | None:
        return next((p for p in self.parameters if p.id == pid), None)

    @property
    def element_count(self) -> int:
        return int(self.params["element_count"])

    @property
    def measures_labels(self) -> list[str]:
        return [m.label for m in self.measures_assessments]

    def with_parameters(self, overrides: dict[str, Any]) -> "ReviewProcedure":
        """The same procedure with some parameter values changed (e.g. the 异常 reading any → all)."""
        if not overrides:
            return self
        params = tuple(replace(p, value=overrides.get(p.id, p.value)) for p in self.parameters)
        values = {p.id: p.value for p in params}
        conclusions = tuple(replace(c, combination=values[c.combination_param]) if c.combination_param else c
                            for c in self.conclusions)
        return replace(self, parameters=params, conclusions=conclusions)


@dataclass
class CollegeReview:
    """One college's review as submitted: the element comparisons, the measures assessment, earlier conclusions."""

    college: str
    review_date: dt.date
    elements: list[tuple[str, bool]]
    measures: str
    history: list[tuple[dt.date, str]]
    location: Location

    @property
    def agree_count(self) -> int:
        return sum(1 for _, ok in self.elements if ok)

    def previous_conclusion(self, none: str) -> str:
        return self.history[-1][1] if self.history else none


@dataclass
class ReviewResult:
    college: str
    review_date: dt.date
    agree_count: int
    element_count: int
    disagreeing: list[str]
    measures: str
    conclusion: str
    conclusion_text: str
    reasons: list[str]
    previous_conclusion: str
    consequences: list[Consequence] = field(default_factory=list)
    re_review_from: dt.date | None = None
