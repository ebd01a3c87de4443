"""Every item the 运行层 issue measured as missing from the encoding is now data, each cited to its source document:
the per-level work items and recurring procedures of 001, the activity period, phases, plan deadline, checklist and
assessments of 002, the plan phases and 2016 tasks of 003, the yearly self-diagnosis, review timetable, improvement
period, re-application and pilots of 004. (Items whose absence is a decision are in standards/DECISIONS.md, 26–30.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zhibiao.model.operations import Timetable
from zhibiao.repository import Repository

ROOT = Path(__file__).resolve().parents[2]
D = dt.date.fromisoformat
SEEDS = {"001": "001_eeafa781316cf98f.txt", "002": "002_0760d59eef6def2d.txt", "003": "003_d0a5018759f809e3.txt",
         "004": "004_d6f85537f62519a6.txt"}


@pytest.fixture(scope="module")
def tables() -> dict[str, Timetable]:
    return {t.meta.source.file[:3]: t for t in Repository(ROOT).catalog.timetables}


OBLIGATIONS = {
    "001": ["program-survey", "program-adjustment", "training-plan-optimization", "annual-diagnosis-reports",
            "monthly-operation-report", "department-work-packages", "plan-decomposition", "annual-quality-report"],
    "002": ["plan-submission", "daily-assessment", "year-end-assessment", "monthly-service-visits"],
    "003": ["preparatory-meeting-2016", "mobilization-meeting-2016", "status-data-2016", "standards-2016"],
    "004": ["annual-self-diagnosis", "triennial-diagnosis", "publish-review-list", "publish-materials",
            "reapply-for-review", "program-pilots", "sampling-review"],
}


@pytest.mark.parametrize("doc, ident", [(d, i) for d, ids in OBLIGATIONS.items() for i in ids])
def test_each_obligation_is_encoded_and_cited_to_its_own_source(tables, doc, ident) -> None:
    o = tables[doc].obligation(ident)
    assert o is not None and o.source.file == SEEDS[doc] and o.source.section and o.responsible


@pytest.mark.parametrize("doc, period, phases", [
    ("001", None, [("2016-03-01", "2018-02-28"), ("2018-03-01", "2018-08-31"), ("2018-09-01", "2019-06-30")]),
    ("002", ("2009-10-11", "2010-01-20"), [("2009-10-11", "2009-10-31"), ("2009-10-21", "2009-10-31"),
                                           ("2009-11-01", "2009-12-22"), ("2009-12-23", "2009-12-31")]),
    ("003", ("2016-09-01", "2018-12-31"), [("2016-09-01", "2016-12-31"), ("2017-01-01", "2017-12-31"),
                                           ("2018-01-01", "2018-12-31")]),
])
def test_the_dated_phases_of_each_plan(tables, doc, period, phases) -> None:
    t = tables[doc]
    if period:
        assert t.period == (D(period[0]), D(period[1]))
    assert [(str(p.start), str(p.end)) for p in t.phases] == [tuple(x) for x in phases]
    assert all(p.source.file == SEEDS[doc] for p in t.phases)


def test_the_plan_deadline_wants_electronic_and_paper_copies(tables) -> None:
    o = tables["002"].obligation("plan-submission")
    assert (o.schedule.due, o.schedule.text) == ("2009-11-06", "11月6日前")
    assert [e.name for e in o.evidence] == ["部门方案电子文档", "纸质方案"]


def test_forms_checklist_and_first_round(tables) -> None:
    assert [(f.number, f.name) for f in tables["001"].forms] == [
        ("表1", "部门工作职责表"), ("表2", "部门科室工作职责、流程及标准表"), ("表3", "学院“十三五”规划建设任务目标及考核要点分解表")]
    (eight,) = tables["002"].checklists
    assert (eight.name, len(eight.items)) == ("八个有", 8)
    first = next(p for p in tables["004"].phases if p.id == "first-round")
    assert (first.start.year, first.source.file) == (2018, SEEDS["004"])
