from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from zhibiao.standards.review import load_procedure
from zhibiao.standards.sampling import sampling_rule


@pytest.fixture(scope="module")
def rule():
    return sampling_rule(load_procedure().doc)


def test_rule_from_seed(rule):
    assert (rule.period_years, rule.min_fraction, rule.first_round_year) == (3, Fraction(1, 4), 2018)
    assert len(rule.materials) == 6
    assert rule.materials[1] == "学校年度《内部质量保证体系自我诊改报告》。"


@pytest.mark.parametrize("total, minimum", [(4, 1), (5, 2), (8, 2), (9, 3), (87, 22), (88, 22), (1, 1)])
def test_minimum_sample_rounds_up(rule, total, minimum):
    assert rule.minimum_sample(total) == minimum


def test_publication_30_days_before(rule):
    assert rule.publication_deadline(dt.date(2019, 5, 20)) == dt.date(2019, 4, 20)


def test_periods_from_first_round(rule):
    assert rule.period_of(2018) == (2018, 2020)
    assert rule.period_of(2020) == (2018, 2020)
    assert rule.period_of(2021) == (2021, 2023)
