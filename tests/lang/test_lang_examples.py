"""The two example schemes score their example submissions exactly as computed by hand from the original wording.

Every number below comes from tests/lang/hand-results.md (the arithmetic is written out there, clause by clause);
none is copied from the engine's output or the scheme YAML. Decimals are compared exactly.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.evaluate.scoring import python_decisions
from zhibiao.evaluate.run import score_submission

ROOT = Path(__file__).resolve().parents[2]
SCHOOL = ROOT / "examples" / "demo-school-teaching-2024.yaml"
TEACHER = ROOT / "examples" / "demo-teacher-annual-2024.yaml"


@pytest.fixture(scope="module")
def school():
    return api.score(SCHOOL)


@pytest.fixture(scope="module")
def teacher():
    return api.score(TEACHER)


# name: (教学运行, 学生评教, 毕业生就业, 专业建设, 教学质量, 教学改革与竞赛, 总分, 等级, 名次, 奖项)
SCHOOL_RESULTS = {
    "机电工程学院": ("26", "10", "12", "20", "42", "24", "92", "优秀", 2, "教学工作先进单位"),
    "信息工程学院": ("29.5", "8", "6", "16", "30", "22", "81.5", "合格", 4, None),
    "建筑工程学院": ("18", "6", "9", "14", "29", "14", "61", "基本合格", 5, None),
    "汽车工程学院": ("10", "3", "6", "10", "19", "9", "0", "不合格", 7, None),
    "经济管理学院": ("29.5", "10", "12", "20", "42", "21", "92.5", "优秀", 1, None),
    "人文艺术学院": ("29", "8", "11", "20", "39", "22", "90", "优秀", 3, "教学工作先进单位"),
    "旅游管理学院": ("28", "6", "1", "16", "23", "0", "51", "不合格", 6, None),
}


@pytest.mark.parametrize("name", SCHOOL_RESULTS)
def test_school_subject(school, name):
    op, rating, jobs, program, quality, reform, total, grade, rank, award = SCHOOL_RESULTS[name]
    r = school.subject(name)
    got = [r.category(c).score for c in ("operation", "rating", "employment", "program", "quality", "reform")]
    assert got == [D(op), D(rating), D(jobs), D(program), D(quality), D(reform)]
    assert (r.total, r.grade, r.rank, r.award) == (D(total), grade, rank, award)


def test_school_details(school):
    car = school.subject("汽车工程学院")
    assert car.points == D(38) and [v.id for v in car.vetoes] == ["veto-incident"]
    incidents = next(d for d in car.deductions if d.rule_id == "op-incidents")
    assert (incidents.subtotal, incidents.capped) == (D(15), D(1))
    assert [(lv, n, a) for lv, n, a in incidents.breakdown] == [("一级", 1, 10), ("三级", 3, 2)]
    assert car.category("operation").floor_cut == D(1)
    info = school.subject("信息工程学院")
    projects = next(d for d in info.deductions if d.rule_id == "r-projects")
    assert (projects.effect, projects.subtotal, projects.capped) == (1, D(10), D(2))
    change = next(d for d in info.deductions if d.rule_id == "q-employment-change")
    assert (change.effect, change.quantity, change.subtotal) == (-1, D(2), D(2))
    travel = school.subject("旅游管理学院")
    change = next(d for d in travel.deductions if d.rule_id == "q-employment-change")
    assert (change.quantity, change.subtotal, change.capped) == (D(6), D(5), D(1))
    assert travel.ranks["r-contest"][0] is None
    ranks = {n: school.subject(n).ranks["r-contest"][0] for n in SCHOOL_RESULTS if n != "旅游管理学院"}
    assert ranks == {"机电工程学院": 1, "信息工程学院": 2, "建筑工程学院": 2, "汽车工程学院": 4,
                     "经济管理学院": 1, "人文艺术学院": 2}
    excluded = {n for n in SCHOOL_RESULTS if school.subject(n).excluded_from("advanced-unit")}
    assert excluded == {"信息工程学院", "经济管理学院", "建筑工程学院", "汽车工程学院"}
    assert school.subject("机电工程学院").measures["competition_points"].value == D("42.5")


# name: (基本职责, 业绩, 总分, 等级, 名次, 奖项)
TEACHER_RESULTS = {
    "王建国": ("99.8", "95", "97.9", "优秀", 2, "年度优秀教师"),
    "李红": ("85.4", "100", "91.2", "优秀", 5, None),
    "赵磊": ("95", "100", "97", "合格", 3, None),
    "孙敏": ("75.4", "65", "71.2", "基本合格", 9, None),
    "周涛": ("100", "80", "92", "不合格", 4, None),
    "吴静": ("91.6", "65", "81", "合格", 7, None),
    "郑凯": ("47", "60", "52.2", "不合格", 10, None),
    "冯丽": ("100", "100", "100", "优秀", 1, "年度优秀教师"),
    "陈晨": ("89.8", "80", "85.9", "合格", 6, None),
    "褚亮": ("88", "70", "80.8", "合格", 8, None),
}


@pytest.mark.parametrize("name", TEACHER_RESULTS)
def test_teacher(teacher, name):
    basic, merit, total, grade, rank, award = TEACHER_RESULTS[name]
    r = teacher.subject(name)
    assert (r.category("basic").score, r.category("merit").score) == (D(basic), D(merit))
    assert (r.total, r.grade, r.rank, r.award) == (D(total), grade, rank, award)


# name: (平均分, 教师考核, 合格率, 合格率得分, 最低分, 获奖合计, 教学管理, 总分, 名次)
DEPARTMENT_RESULTS = {
    "机电工程系": ("89.33", "44.67", "75", "10", "71.2", "6", "28", "82.67", 2),
    "信息工程系": ("75.07", "37.54", "33.33", "0", "52.2", "1", "17", "54.54", 3),
    "经济管理系": ("88.9", "44.45", "100", "20", "80.8", "3", "28", "92.45", 1),
}


@pytest.mark.parametrize("name", DEPARTMENT_RESULTS)
def test_department(teacher, name):
    mean, team, share, qualified, lowest, awards, management, total, rank = DEPARTMENT_RESULTS[name]
    r = teacher.subject(name)
    m = {k: v.value for k, v in r.measures.items()}
    assert (m["teacher_mean"], m["qualified_share"], m["lowest_teacher"], m["department_awards"]) == \
        (D(mean), D(share), D(lowest), D(awards))
    got = [r.category(c).score for c in ("team", "qualified", "management")]
    assert got == [D(team), D(qualified), D(management)]
    assert (r.total, r.rank) == (D(total), rank)


def test_half_up_rounding_where_declared(teacher):
    """89.325 → 89.33 and 44.665 → 44.67, 53.585 → 53.59: 四舍五入 is half-up, never banker's rounding."""
    mech = teacher.subject("机电工程系")
    assert mech.measures["teacher_mean"].unrounded == D("89.325")
    assert mech.category("team").rounded_from == D("44.665")
    college = teacher.subject("示例职业技术学院")
    assert college.measures["department_mean"].value == D("76.55")
    assert college.category("departments").rounded_from == D("53.585")
    assert [college.category(c).score for c in ("departments", "balance", "evaluation")] == [D("53.59"), 0, 16]
    assert college.total == D("69.59")
    assert teacher.subject("吴静").rounded_from == D("80.96")


def test_engine_and_plain_python_agree_on_the_examples():
    """The differential check of compile.python covers the new mechanisms too."""
    for path in (SCHOOL, TEACHER):
        repo = api.open_repository()
        sub, scheme = repo.read_submission(path)
        by_engine = score_submission(sub, scheme)
        by_python = score_submission(sub, scheme, decide=python_decisions)
        assert [(s.name, s.total, s.grade, s.award) for s in by_engine.subjects] == \
            [(s.name, s.total, s.grade, s.award) for s in by_python.subjects]
