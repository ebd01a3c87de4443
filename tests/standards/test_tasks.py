"""Improvement tasks (整改任务): created from a deduction, a review conclusion, an indicator warning or a diagnosis
point, each keeping the wording it answers to; open ones listed by urgency, overdue ones warned (engine-decided)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.errors import UsageError
from zhibiao.model.tasks import DONE
from zhibiao.render.tasks import tasks_json, tasks_table

ROOT = Path(__file__).resolve().parents[2]
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def repo() -> api.Repository:
    return api.Repository(ROOT)


def test_a_review_conclusion_opens_a_task_that_ends_with_the_improvement_period(repo) -> None:
    (task,) = api.tasks_from(api.review(ROOT / "examples" / "review-2019.yaml", repository=repo), repository=repo)
    assert (task.owner, task.created, task.deadline) == ("乙职业技术学院", D("2019-06-10"), D("2020-06-10"))
    assert task.title == "改进期整改（待改进）：成长环境、外部环境改进、质量事故管控、质量保证效果"
    assert task.origin.kind == "复核结论" and task.origin.text.startswith("“待改进”和“异常”的学校改进期为1年")


def test_each_deduction_of_a_subject_becomes_a_task_with_the_rule_wording(repo) -> None:
    result = api.score(ROOT / "examples" / "cz-quality-season-2009.yaml", repository=repo)
    tasks = api.tasks_from(result, subject="教务处", rule="study-2", created=D("2010-01-15"), repository=repo)
    (task,) = tasks
    assert (task.title, task.owner, task.deadline) == ("整改：所属本部门人员缺席，扣0.5分/人", "教务处", D("2010-02-14"))
    assert (task.origin.ref, task.origin.finding) == ("cz-quality-season:study-2", "教务处被扣 1 分（本部门缺席人数 > 0，按填报数量计）")
    again = api.tasks_from(result, subject="教务处", rule="study-2", created=D("2010-01-15"), repository=repo)
    assert again[0].id == task.id  # the same finding, owner and day: the same task


def test_an_indicator_below_its_standard_becomes_a_task(repo) -> None:
    results = api.indicators(ROOT / "examples" / "indicators-2010.yaml", repository=repo)
    (task,) = api.tasks_from(results, owner="招生就业处", created=D("2010-07-01"), deadline=D("2010-12-31"), repository=repo)
    assert (task.title, task.origin.kind, task.origin.text) == ("整改：学生就业率（未达标）", "指标预警", "学生就业率≥90﹪")


def test_a_diagnosis_point_becomes_a_task(repo) -> None:
    (task,) = api.tasks_from("学生满意度连续两年下降", element="3.2", point="工作实施效果", owner="人事处",
                             created=D("2019-03-01"), deadline=D("2019-06-30"), repository=repo)
    assert task.title == "整改：师资建设诊改 · 工作实施效果"
    assert task.origin.ref == "sxqg-diagnosis-table:3.2/工作实施效果" and task.origin.text.startswith("教师质量意识是否得到提升")
    with pytest.raises(UsageError) as err:
        api.tasks_from("x", element="3.2", point="诊改工作实施效果", owner="人事处", created=D("2019-03-01"), repository=repo)
    assert err.value.problems[0].message.startswith("诊断项目表“sxqg-diagnosis-table”中没有诊断点“3.2 诊改工作实施效果”")
    with pytest.raises(UsageError) as err:
        api.tasks_from("x", element="3.2", point="工作实施效果", owner="人事处", created=D("2019-03-01"),
                       deadline=D("2019-01-01"), repository=repo)
    assert err.value.problems[0].message == "整改期限 2019-01-01 早于创建日期 2019-03-01"


def test_open_tasks_by_urgency_and_overdue_ones_warned(repo) -> None:
    reviews = api.tasks_from(api.review(ROOT / "examples" / "review-2019.yaml", repository=repo), repository=repo)
    point = api.tasks_from("学生满意度连续两年下降", element="3.2", point="工作实施效果", owner="人事处",
                           created=D("2019-03-01"), deadline=D("2019-06-30"), repository=repo)
    done = dataclasses.replace(point[0], id="t-done", status=DONE, completed=D("2019-06-01"))
    tl = api.task_list(reviews + point + [done], D("2019-07-01"))
    assert [(e.task.owner, e.status, e.days) for e in tl.entries] == [("人事处", "逾期", -1), ("乙职业技术学院", "进行中", 345)]
    assert [e.task.owner for e in tl.warnings()] == ["人事处"] and [t.id for t in tl.closed] == ["t-done"]
    assert "预警：1 项整改任务已过期限仍未完成。" in tasks_table(tl)
    assert '"预警": 1' in tasks_json(tl)
    assert [e.task.owner for e in api.task_list(reviews + point, D("2019-07-01"), owner="人事处").entries] == ["人事处"]
