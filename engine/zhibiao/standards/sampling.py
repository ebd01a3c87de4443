"""抽样复核与公示的日期和数量：每3年抽样不少于总数的1/4；复核开始前30日公示六项材料。"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from math import ceil

from ..loading import Document


@dataclass(frozen=True)
class SamplingRule:
    period_years: int
    min_fraction: Fraction
    first_round_year: int | None
    publish_days_before: int
    materials: tuple[str, ...]

    def minimum_sample(self, total_colleges: int) -> int:
        """Fewest colleges to review in one period: “不少于总数的1/4”, rounded up."""
        return ceil(total_colleges * self.min_fraction)

    def publication_deadline(self, review_start: dt.date) -> dt.date:
        """Last day to publish the materials on the campus website: 30 days before the review starts."""
        return review_start - dt.timedelta(days=self.publish_days_before)

    def period_of(self, year: int) -> tuple[int, int]:
        """The 3-year period (first and last year) holding `year`, counted from the first round."""
        start = self.first_round_year or year
        offset = (year - start) // self.period_years * self.period_years
        return start + offset, start + offset + self.period_years - 1


def sampling_rule(doc: Document) -> SamplingRule:
    s, pub = doc.data["sampling"], doc.data["publication"]
    return SamplingRule(int(s["period_years"]), Fraction(s["min_fraction"]), s.get("first_round_year"),
                        int(pub["days_before"]), tuple(pub["materials"]))
