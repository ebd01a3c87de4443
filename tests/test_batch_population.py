"""`zhibiao batch` with the general language: ranks by rules, changes, measures of records, vetoes, eligibility,
grades and awards among the eligible (shares of a pool, several awards) give exactly what `api.score` gives,
subject by subject, and the same bytes with one process or two."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.errors import UsageError
from zhibiao.jobs import batch
from zhibiao.load import load_file

import population
from support import ROOT

REPO = api.open_repository(ROOT)


def _plain(o):
    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    if hasattr(o, "isoformat"):
        return o.isoformat()
    raise TypeError(o)


def _data(path: Path) -> dict:
    return json.loads(json.dumps(load_file(path).data, default=_plain, ensure_ascii=False))


def _results(path: Path) -> dict:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    rows = path.read_text(encoding="utf-8").splitlines()
    head = json.loads(rows[0])
    assert head.pop("kind") == "result" and head.pop("count") == len(rows) - 1
    return {**head, "subjects": [json.loads(r) for r in rows[1:]]}


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
        got = _results(tmp_path / f"一{name}")
        got.pop("source")
        assert got["subjects"] == expected["subjects"]
        assert got == expected
    return expected


def test_demo_school_teaching_scores_exactly_as_score_does(tmp_path):
    got = _same_as_score(tmp_path, _data(ROOT / "examples" / "demo-school-teaching-2024.yaml"))
    by_name = {s["name"]: s for s in got["subjects"]}
    # hand results (tests/lang/hand-results.md): the rank rule, the veto, the grades and the award
    assert by_name["信息工程学院"]["ranks"]["r-contest"] == {"rank": 2, "note": "理工类第 2 名（30），与 建筑工程学院 并列"}
    assert (by_name["汽车工程学院"]["total"], by_name["汽车工程学院"]["grade"]) == ("0", "不合格")
    assert [(s["name"], s["total"], s["grade"]) for s in got["subjects"] if s["award"]] == [
        ("机电工程学院", "92", "优秀"), ("人文艺术学院", "90", "优秀")]


def _shares_scheme() -> dict:
    """demo-school-teaching with more winners of 先进单位 and a second award given by shares of the college."""
    scheme = _data(ROOT / "rules" / "demo-school-teaching.yaml")
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


def test_roll_ups_are_still_refused_by_name(tmp_path):
    data = _data(ROOT / "examples" / "demo-teacher-annual-2024.yaml")
    src = population.write_jsonl(tmp_path / "教师.jsonl", data)
    with pytest.raises(UsageError) as caught:
        api.score_file(src, tmp_path / "结果.jsonl", repository=REPO)
    assert str(caught.value.problems[0]).endswith(
        "考核方案“demo-teacher-annual”用到了逐级汇总，需要同时看到全部考核对象，大批量评分（分块计算）暂不支持；"
        "请用 zhibiao score 评分")
    assert not (tmp_path / "结果.jsonl").exists()
    assert batch.chunk_needs(REPO.scheme("demo-school-teaching")) == ()
