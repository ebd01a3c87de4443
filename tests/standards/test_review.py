"""Review conclusions at every threshold, both readings of the 异常 condition, and the consequences with histories."""

from __future__ import annotations

import datetime as dt

import pytest

from zhibiao.errors import Location
from zhibiao.evaluate.review import evaluate_reviews as evaluate
from zhibiao.model.review import CollegeReview
from zhibiao.repository import PACKAGE_CHECKOUT, Repository


def load_procedure(overrides=None):
    return Repository(PACKAGE_CHECKOUT).procedure().with_parameters(overrides or {})

GOOD = "针对性强、切实可行、成效明显"
WEAK = "针对性不强、力度不够"
FAIR = "一般"


def college(agree: int, measures: str, history: list[tuple[str, str]] | None = None) -> CollegeReview:
    elements = [(f"要素{i + 1}", i < agree) for i in range(15)]
    hist = [(dt.date.fromisoformat(d), c) for d, c in (history or [])]
    return CollegeReview("甲职业技术学院", dt.date(2019, 5, 20), elements, measures, hist, Location("t.yaml", 1, 1))


@pytest.fixture(scope="module")
def proc_any():
    return load_procedure()


@pytest.fixture(scope="module")
def proc_all():
    return load_procedure(overrides={"abnormal_combination": "all"})


def test_default_reading_is_any(proc_any):
    assert proc_any.params["abnormal_combination"] == "any"
    assert proc_any.element_count == 15


@pytest.mark.parametrize("agree, measures, expected", [
    (12, GOOD, "有效"), (13, GOOD, "有效"), (15, GOOD, "有效"),
    (11, GOOD, "待改进"), (10, GOOD, "待改进"),
    (9, GOOD, "异常"), (0, GOOD, "异常"),
    (12, FAIR, "待改进"), (11, FAIR, "待改进"), (10, FAIR, "待改进"), (9, FAIR, "异常"),
    (12, WEAK, "异常"), (15, WEAK, "异常"), (10, WEAK, "异常"), (9, WEAK, "异常"),
])
def test_conclusion_any(proc_any, agree, measures, expected):
    [res] = evaluate([college(agree, measures)], proc_any)
    assert res.conclusion == expected
    assert res.agree_count == agree


@pytest.mark.parametrize("agree, measures, expected", [
    (12, GOOD, "有效"), (11, GOOD, "待改进"), (10, GOOD, "待改进"),
    (9, GOOD, "待改进"),   # fewer than 10 agree but good measures: not 异常 when both are required
    (12, WEAK, "待改进"), (10, WEAK, "待改进"),
    (9, WEAK, "异常"), (0, WEAK, "异常"),
    (9, FAIR, "待改进"),
])
def test_conclusion_all(proc_all, agree, measures, expected):
    [res] = evaluate([college(agree, measures)], proc_all)
    assert res.conclusion == expected


def test_explanation_names_rule_and_counts(proc_any):
    [res] = evaluate([college(12, GOOD)], proc_any)
    assert res.reasons == ["自主诊断结果与复核结果相符 12/15 项；改进措施：针对性强、切实可行、成效明显",
                           "满足：相符项数 ≥ 12 且 改进措施等于“针对性强、切实可行、成效明显”"]
    assert res.disagreeing == ["要素13", "要素14", "要素15"]
    [res] = evaluate([college(11, GOOD)], proc_any)
    assert res.reasons[1] == "不满足“有效”与“异常”的条件，属“上述标准以外的其他情况”"


def names(res):
    return [q.name for q in res.consequences]


def test_effective_gets_support(proc_any):
    [res] = evaluate([college(12, GOOD)], proc_any)
    assert names(res) == ["倾斜支持"]
    assert res.consequences[0].measures == ("财政奖补资金安排倾斜支持", "国家和省级项目申报倾斜支持")
    assert res.re_review_from is None


def test_abnormal_is_sanctioned_and_gets_improvement_period(proc_any):
    [res] = evaluate([college(9, GOOD)], proc_any)
    assert names(res) == ["限制措施", "改进期与再复核"]
    assert res.consequences[0].measures == ("削减招生计划", "暂停备案新专业", "限制项目申报")
    assert res.re_review_from == dt.date(2020, 5, 20)


def test_first_needs_improvement_has_no_sanction(proc_any):
    [res] = evaluate([college(11, GOOD)], proc_any)
    assert names(res) == ["改进期与再复核"]
    assert res.previous_conclusion == "无"


def test_two_needs_improvement_in_a_row_are_sanctioned(proc_any):
    [res] = evaluate([college(11, GOOD, [("2016-05-01", "有效"), ("2018-05-01", "待改进")])], proc_any)
    assert res.previous_conclusion == "待改进"
    assert names(res) == ["限制措施", "改进期与再复核"]


def test_needs_improvement_after_older_needs_improvement_is_not_consecutive(proc_any):
    [res] = evaluate([college(11, GOOD, [("2016-05-01", "待改进"), ("2018-05-01", "有效")])], proc_any)
    assert names(res) == ["改进期与再复核"]


def test_needs_improvement_after_abnormal_is_not_two_needs_improvement(proc_any):
    [res] = evaluate([college(11, GOOD, [("2018-05-01", "异常")])], proc_any)
    assert names(res) == ["改进期与再复核"]


def test_history_order_does_not_matter(proc_any):
    c = college(11, GOOD, [("2018-05-01", "待改进"), ("2016-05-01", "有效")])
    c.history.sort()
    [res] = evaluate([c], proc_any)
    assert res.previous_conclusion == "待改进"


def test_effective_re_review_is_exempt_for_the_cycle(proc_any):
    [res] = evaluate([college(12, GOOD, [("2018-05-01", "待改进")])], proc_any)
    assert names(res) == ["倾斜支持", "同一周期内免于复核"]


def test_many_colleges_in_one_run(proc_any):
    batch = [college(n % 16, [GOOD, FAIR, WEAK][n % 3]) for n in range(80)]
    results = evaluate(batch, proc_any)
    assert len(results) == 80
    assert [r.conclusion for r in results][:4] == ["异常", "异常", "异常", "异常"]
    assert results[12].conclusion == "有效"  # 12 agree, GOOD (12 % 3 == 0)


def test_leap_day_improvement_period(proc_any):
    c = college(9, GOOD)
    c.review_date = dt.date(2020, 2, 29)
    [res] = evaluate([c], proc_any)
    assert res.re_review_from == dt.date(2021, 2, 28)
