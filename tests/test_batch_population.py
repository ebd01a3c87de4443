"""`zhibiao batch` with the general language: ranks by rules, changes, measures of records, vetoes, eligibility,
grades and awards among the eligible (shares of a pool, several awards) give exactly what `api.score` gives,
subject by subject, and the same bytes with one process or two."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.errors import SubmissionError

import population
from population import read_results
from support import ROOT

REPO = api.open_repository(ROOT)


def _same_as_score(tmp_path: Path, data: dict, scheme=None) -> dict:
    """Batch with one and two processes, JSON Lines and JSON, against `api.score`; returns the results."""
    whole = tmp_path / "整份.json"
    whole.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    expected = json.loads(api.render(api.score(whole, scheme, repository=REPO), "json"))
    expected.pop("source")
    src = population.write_jsonl(tmp_path / "填报.jsonl", data)
    for name in ("结果.jsonl", "结果.json"):
        api.score_file(src, tmp_path / f"一{name}", scheme, repository=REPO, jobs=1)
        api.score_file(src, tmp_path / f"二{name}", scheme, repository=REPO, jobs=2)
        assert (tmp_path / f"一{name}").read_bytes() == (tmp_path / f"二{name}").read_bytes()
        got = read_results(tmp_path / f"一{name}")
        got.pop("source")
        assert got["subjects"] == expected["subjects"]
        assert got == expected
    return expected


def test_demo_school_teaching_scores_exactly_as_score_does(tmp_path):
    got = _same_as_score(tmp_path, population.json_data(ROOT / "examples" / "demo-school-teaching-2024.yaml"))
    by_name = {s["name"]: s for s in got["subjects"]}
    # hand results (tests/lang/hand-results.md): the rank rule, the veto, the grades and the award
    assert by_name["信息工程学院"]["ranks"]["r-contest"] == {"rank": 2, "note": "理工类第 2 名（30），与 建筑工程学院 并列"}
    assert (by_name["汽车工程学院"]["total"], by_name["汽车工程学院"]["grade"]) == ("0", "不合格")
    assert [(s["name"], s["total"], s["grade"]) for s in got["subjects"] if s["award"]] == [
        ("机电工程学院", "92", "优秀"), ("人文艺术学院", "90", "优秀")]


def _shares_scheme() -> dict:
    """demo-school-teaching with more winners of 先进单位 and a second award given by shares of the college."""
    scheme = population.json_data(ROOT / "rules" / "demo-school-teaching.yaml")
    scheme["awards"][0]["tiers"] = [{"name": "教学工作先进单位", "count": 10}]
    scheme["awards"].append({
        "id": "good-unit", "name": "教学运行良好单位", "text": "按教学运行得分评出良好单位：一档不超过5%，二档不超过10%。",
        "source": {"file": "examples/documents/demo-school-teaching.md", "section": "第十条"},
        "scope": "全院", "basis": "operation", "tie_break": "total",
        "tiers": [{"name": "良好一档", "share": "5%"}, {"name": "良好二档", "share": "10%"}]})
    return scheme


def test_a_synthetic_college_with_ties_at_the_quotas(tmp_path):
    data = {**population.HEADER, "subjects": population.subjects(2500, seed=7)}
    got = _same_as_score(tmp_path, data, _shares_scheme())
    subjects = got["subjects"]
    awards = [s["award"] for s in subjects if s["award"]]
    assert sum("教学工作先进单位" in a for a in awards) == 11  # a tie at the quota: every tied subject wins
    assert "良好一档" in " ".join(awards) and "良好二档" in " ".join(awards)
    assert "处并列" in got["awards_note"]
    tied = [s for s in subjects if s["ranks"]["r-contest"]["note"].endswith("并列")]
    assert any(" 等 " in s["ranks"]["r-contest"]["note"] for s in tied)  # large ties: the first names, the count
    assert {s["grade"] for s in subjects} == {"优秀", "合格", "基本合格", "不合格"}
    assert any(s.get("vetoes") for s in subjects) and any(s.get("limits") for s in subjects)


def test_demo_teacher_annual_rolls_up_as_score_does(tmp_path):
    """Teachers are scored first, their 系部 then (from the teachers' results), the college last (from the 系部')."""
    got = _same_as_score(tmp_path, population.json_data(ROOT / "examples" / "demo-teacher-annual-2024.yaml"))
    by_name = {s["name"]: s for s in got["subjects"]}
    assert [s["block"] for s in got["subjects"]] == ["T"] * 10 + ["D"] * 3 + ["C"]
    assert by_name["机电工程系"]["measures"]["teacher_mean"]["members"] == [
        ["王建国", "97.9"], ["李红", "91.2"], ["赵磊", "97"], ["孙敏", "71.2"]]
    assert (by_name["示例职业技术学院"]["total"], by_name["冯丽"]["award"]) == ("69.59", "年度优秀教师")


def test_a_synthetic_college_of_teachers(tmp_path):
    """1200 teachers in 40 系部, the 系部 and the college among them in the file: one pass per level."""
    data = population.teachers(population.json_data(ROOT / "examples" / "demo-teacher-annual-2024.yaml"), 1200)
    got = _same_as_score(tmp_path, data)
    assert sum(s["award"] == "年度优秀教师" for s in got["subjects"]) == 240  # 20% of the teachers
    departments = [s for s in got["subjects"] if s["block"] == "D"]
    assert len(departments) == 40 and all(len(d["measures"]["teacher_mean"]["members"]) == 30 for d in departments)


def test_membership_problems_are_said_and_located_as_score_says_them(tmp_path):
    data = population.json_data(ROOT / "examples" / "demo-teacher-annual-2024.yaml")
    teachers = [s for s in data["subjects"] if s["block"] == "T"]
    teachers[1]["attributes"]["department"] = "机电工程糸"
    empty = copy.deepcopy(next(s for s in data["subjects"] if s["block"] == "D"))
    empty["name"] = "艺术设计系"
    data["subjects"].append(empty)
    src = population.write_jsonl(tmp_path / "教师.jsonl", data)
    with pytest.raises(SubmissionError) as whole:
        api.score(src, repository=REPO)
    for jobs in (1, 2):
        with pytest.raises(SubmissionError) as caught:
            api.score_file(src, tmp_path / "结果.jsonl", repository=REPO, jobs=jobs)
        assert [str(p) for p in caught.value.problems] == [str(p) for p in whole.value.problems]
    assert [str(p).split(" ", 1)[0] for p in whole.value.problems] == [f"{src}:3:74", f"{src}:16:10"]
    assert "考核对象“艺术设计系”（系部）没有成员" in str(whole.value.problems[1])
    assert not (tmp_path / "结果.jsonl").exists()


def test_previous_values_from_the_results_database(tmp_path):
    """与上期比较: last period's values that the submission leaves out come from the results database, in each
    scoring process, exactly as `api.score(previous_from=…)` reads them."""
    from zhibiao.store import Store

    example = population.json_data(ROOT / "examples" / "demo-school-teaching-2024.yaml")
    last = population.last_period(example)
    database = f"sqlite:///{tmp_path / '结果.sqlite3'}"
    store = Store(database)
    assert store.save(api.score(last, as_of=dt.date(2024, 9, 1), repository=REPO), by="质量办").created
    now = copy.deepcopy(example)
    for s in now["subjects"]:
        del s["previous"]
    expected = json.loads(api.render(api.score(now, repository=REPO, previous_from=store), "json"))
    src = population.write_jsonl(tmp_path / "填报.jsonl", now)
    for jobs in (1, 2):
        api.score_file(src, tmp_path / f"{jobs}.json", repository=REPO, jobs=jobs, previous_from=database)
        got = read_results(tmp_path / f"{jobs}.json")
        assert got["subjects"] == expected["subjects"]
    assert (tmp_path / "1.json").read_bytes() == (tmp_path / "2.json").read_bytes()
    given = read_results(_batch(tmp_path, example))
    # the same results as with the values written in the submission, but for where each came from
    assert [s["total"] for s in got["subjects"]] == [s["total"] for s in given["subjects"]]
    with pytest.raises(SubmissionError) as caught:  # without the database: said as `score` says it
        api.score_file(src, tmp_path / "无.json", repository=REPO)
    with pytest.raises(SubmissionError) as whole:
        api.score(now, repository=REPO)
    assert [(p.code, p.get("subject")) for p in caught.value.problems] == [
        (p.code, p.get("subject")) for p in whole.value.problems]
    assert not (tmp_path / "无.json").exists()


def _batch(tmp_path: Path, data: dict) -> Path:
    src = population.write_jsonl(tmp_path / "原填报.jsonl", data)
    api.score_file(src, tmp_path / "原结果.json", repository=REPO)
    return tmp_path / "原结果.json"


def test_cli_batch_reads_previous_values_from_a_database(tmp_path, capsys):
    from zhibiao.cli import main
    from zhibiao.store import Store

    example = population.json_data(ROOT / "examples" / "demo-school-teaching-2024.yaml")
    last = population.last_period(example)
    database = tmp_path / "结果.sqlite3"
    Store(f"sqlite:///{database}").save(api.score(last, as_of=dt.date(2024, 9, 1), repository=REPO), by="质量办")
    for s in example["subjects"]:
        del s["previous"]
    src = population.write_jsonl(tmp_path / "填报.jsonl", example)
    assert main(["batch", str(src), "-o", str(tmp_path / "结果.jsonl"), "-q",
                 "--previous-from", str(database)]) == 0
    got = read_results(tmp_path / "结果.jsonl")
    assert [s["total"] for s in got["subjects"]] == ["92", "81.5", "61", "0", "92.5", "90", "51"]
