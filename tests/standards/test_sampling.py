from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from zhibiao.repository import PACKAGE_CHECKOUT, Repository


@pytest.fixture(scope="module")
def proc():
    return Repository(PACKAGE_CHECKOUT).procedure()


def test_rule_from_seed(proc):
    s, pub = proc.sampling, proc.publication
    assert (s.period_years, Fraction(s.min_fraction), s.first_round_year) == (3, Fraction(1, 4), 2018)
    assert len(pub.materials) == 6
    assert pub.materials[1] == "学校年度《内部质量保证体系自我诊改报告》。"


@pytest.mark.parametrize("total, minimum", [(4, 1), (5, 2), (8, 2), (9, 3), (87, 22), (88, 22), (1, 1)])
def test_minimum_sample_rounds_up(proc, total, minimum):
    assert proc.sampling.minimum_sample(total) == minimum


def test_publication_30_days_before(proc):
    assert proc.publication.deadline(dt.date(2019, 5, 20)) == dt.date(2019, 4, 20)


def test_periods_from_first_round(proc):
    assert proc.sampling.period_of(2018) == (2018, 2020)
    assert proc.sampling.period_of(2020) == (2018, 2020)
    assert proc.sampling.period_of(2021) == (2021, 2023)
