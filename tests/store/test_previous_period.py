"""Year-over-year items read the previous period from the results database (SQLite and PostgreSQL alike).

The 2024 example of the 二级学院 teaching scheme gives every college's 2023 employment rate in `previous:`. Here
the 2023 period is scored and saved first (its employment rates are exactly those previous values), and the 2024
submission without any `previous:` is scored with the database: every result must be the example's hand-checked
one (tests/lang/hand-results.md), and the trace must cite the stored run each previous value came from."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from store_support import ROOT

from zhibiao import api
from zhibiao.errors import SubmissionError
from zhibiao.load import load_file
from zhibiao.render.explain import render_text, trace_data
from zhibiao.render.scores import render_json
from zhibiao.store import Store

EXAMPLE = ROOT / "examples" / "demo-school-teaching-2024.yaml"
SCHEME = ROOT / "rules" / "demo-school-teaching.yaml"
AT = dt.datetime(2025, 1, 10, 8, 0, tzinfo=dt.timezone.utc)
RULES_FROM = dt.date(2024, 9, 1)   # the scheme took effect then: the 2023 period is scored under it
# hand-checked totals and employment change points of the 2024 example (tests/lang/hand-results.md)
TOTALS = {"机电工程学院": "92.00", "信息工程学院": "81.50", "建筑工程学院": "61.00", "汽车工程学院": "0",
          "经济管理学院": "92.50", "人文艺术学院": "90.00", "旅游管理学院": "51.00"}
CHANGES = {"机电工程学院": ("加分", "2"), "信息工程学院": (None, "2"), "建筑工程学院": ("加分", "1"),
           "经济管理学院": ("加分", "2"), "人文艺术学院": ("加分", "3"), "旅游管理学院": (None, "5")}


@pytest.fixture(scope="module")
def example() -> dict:
    return load_file(EXAMPLE).data


def period_2023(example: dict) -> dict:
    """The 2023 submission: each college's employment rate is the one the 2024 example gives as last year's."""
    data = copy.deepcopy(example)
    data["period"] = {"name": "2023年度", "start": "2023-01-01", "end": "2023-12-31"}
    for s in data["subjects"]:
        s["facts"]["employment_rate"] = s["previous"]["employment_rate"]
        s["previous"] = {"employment_rate": Decimal(90)}
    return data


def without_previous(example: dict) -> dict:
    data = copy.deepcopy(example)
    for s in data["subjects"]:
        del s["previous"]
    return data


def _save_2023(store: Store, example: dict, repo: api.Repository) -> api.Result:
    result = api.score(period_2023(example), as_of=RULES_FROM, repository=repo)
    assert store.save(result, by="质量办 王五", at=AT).created
    return result


def test_previous_values_come_from_the_stored_previous_period(database: str, example: dict) -> None:
    repo = api.open_repository(ROOT)
    store = Store(database)
    _save_2023(store, example, repo)
    result = api.score(without_previous(example), repository=repo, previous_from=store)
    assert {s.name: str(s.total) for s in result.subjects} == TOTALS
    for name, (effect, subtotal) in CHANGES.items():
        [d] = [d for d in result.subject(name).deductions if d.rule_id == "q-employment-change"]
        assert (d.effect > 0 and "加分" or None, str(d.subtotal)) == (effect, subtotal)
    # nothing moves but the provenance: the results equal the example scored with its own previous values
    given = json.loads(render_json(api.score(EXAMPLE, repository=repo)))
    read = json.loads(render_json(result).replace("（结果库第 1 次评分，2023年度）", ""))
    for part in (given, read):
        part.pop("source")
    assert read == given
    # the deduction and the trace say where last year's value came from
    [d] = [d for d in result.subject("旅游管理学院").deductions if d.rule_id == "q-employment-change"]
    assert d.detail == "本期 88，上期 94.6（结果库第 1 次评分，2023年度），降低 6.6，计 6 步"
    trace = api.explain(result, "旅游管理学院")
    [rule] = [r for c in trace_data(trace)["categories"] for r in c["rules"] if r["rule_id"] == "q-employment-change"]
    assert rule["facts"][-1] == {
        "fact": "previous.employment_rate", "name": "上期毕业生年终就业率（%）", "value": "94.6",
        "from": "结果库第 1 次评分，2023年度（2023-01-01～2023-12-31），方案版本 1.0.0，2025-01-10T08:00:00+00:00 由 质量办 王五 保存",
        "run": {"id": 1, "period": "2023", "period_name": "2023年度", "start": "2023-01-01", "end": "2023-12-31",
                "version": "1.0.0", "saved_at": "2025-01-10T08:00:00+00:00", "saved_by": "质量办 王五"}}
    assert ("上期毕业生年终就业率（%）=94.6（结果库第 1 次评分，2023年度（2023-01-01～2023-12-31），方案版本 1.0.0，"
            "2025-01-10T08:00:00+00:00 由 质量办 王五 保存）") in render_text(trace)
    # saving the 2024 run: last year's values are part of what was scored, so the run is kept with them
    assert store.save(result, by="质量办 王五", at=AT).created
    store.close()


def test_the_latest_period_before_counts_and_the_submission_wins(database: str, example: dict) -> None:
    repo = api.open_repository(ROOT)
    store = Store(database)
    older = period_2023(example)   # an older period (2022) with other rates: never read while 2023 is stored
    older["period"] = {"name": "2022年度", "start": "2022-01-01", "end": "2022-12-31"}
    for s in older["subjects"]:
        s["facts"]["employment_rate"] = Decimal(50)
    assert store.save(api.score(older, as_of=RULES_FROM, repository=repo), by="甲", at=AT).created
    _save_2023(store, example, repo)
    # a later period stored too (2025) must not be read for 2024 either
    later = copy.deepcopy(example)
    later["period"] = {"name": "2025年度", "start": "2025-01-01", "end": "2025-12-31"}
    assert store.save(api.score(later, repository=repo), by="乙", at=AT).created
    data = without_previous(example)
    data["subjects"][0]["previous"] = {"employment_rate": Decimal("93.1")}   # a corrected figure, written in
    result = api.score(data, repository=repo, previous_from=store)
    [d] = [d for d in result.subject("机电工程学院").deductions if d.rule_id == "q-employment-change"]
    assert (d.subtotal, d.detail) == (Decimal(3), "本期 96.3，上期 93.1，升高 3.2，计 3 步")
    assert result.subject("机电工程学院").total == Decimal("93.00")
    assert [str(w) for w in result.warnings] == [
        "<数据>（subjects[0].previous.employment_rate） 警告：考核对象“机电工程学院”在 previous 中填报的上期“employment_rate”（毕业生年终就业率（%））为 93.1，"
        "与结果库中的 94.1（结果库第 2 次评分，2023年度）不同：按填报的 93.1 计算"]
    assert {s.name: str(s.total) for s in result.subjects} == TOTALS | {"机电工程学院": "93.00"}
    store.close()


def test_missing_previous_values_are_refused_saying_what_was_looked_for(database: str, example: dict) -> None:
    repo = api.open_repository(ROOT)
    store = Store(database)
    data = without_previous(example)
    with pytest.raises(SubmissionError) as caught:
        api.score(data, repository=repo, previous_from=store)
    first = caught.value.problems[0]
    assert len(caught.value.problems) == 7
    assert first.message == (
        f"考核对象“机电工程学院”缺少上期的“employment_rate”（毕业生年终就业率（%））：规则“q-employment-change”要与上期比较，"
        f"填报的 previous 中没有，结果库 {store.url} 中也没有（没有“demo-school-teaching”在 2024-01-01 之前结束的考核期的评分）；"
        "请在 previous 中填报，或先保存上一期的评分")
    # 2023 stored without 旅游管理学院: that college has no previous value (an older period does not stand in)
    last = period_2023(example)
    last["subjects"] = last["subjects"][:-1]
    older = period_2023(example)
    older["period"] = {"name": "2022年度", "start": "2022-01-01", "end": "2022-12-31"}
    store.save(api.score(older, as_of=RULES_FROM, repository=repo), by="甲", at=AT)
    store.save(api.score(last, as_of=RULES_FROM, repository=repo), by="甲", at=AT)
    with pytest.raises(SubmissionError) as caught:
        api.score(data, repository=repo, previous_from=store)
    assert [p.message for p in caught.value.problems] == [
        f"考核对象“旅游管理学院”缺少上期的“employment_rate”（毕业生年终就业率（%））：规则“q-employment-change”要与上期比较，"
        f"填报的 previous 中没有，结果库 {store.url} 中也没有（上一期（结果库第 2 次评分，2023年度）没有评这个考核对象）；"
        "请在 previous 中填报，或先保存上一期的评分"]
    assert str(caught.value.problems[0].location) == "<数据>"
    store.close()


def test_only_the_same_version_when_asked(tmp_path: Path, example: dict) -> None:
    repo = api.open_repository(ROOT)
    store = Store(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    draft = copy.deepcopy(load_file(SCHEME).data)
    draft["version"] = draft["revisions"][-1]["version"] = "0.9.0"
    old = api.scheme(draft, repository=repo)
    store.save(api.score(period_2023(example), old, as_of=RULES_FROM, repository=repo), by="甲", at=AT)
    data = without_previous(example)
    assert api.score(data, repository=repo, previous_from=store).subject("旅游管理学院").total == Decimal("51.00")
    with pytest.raises(SubmissionError) as caught:
        api.score(data, repository=repo, previous_from=store, previous_match="version")
    assert "没有“demo-school-teaching”在 2024-01-01 之前结束的考核期的评分" in caught.value.problems[0].message
    with pytest.raises(api.ZhibiaoError) as caught:
        api.score(data, repository=repo, previous_from=store, previous_match="any")
    assert caught.value.problems[0].message == ("上期值的取法“any”无法识别：应为 scheme、version 之一（scheme：同一方案的任何版本；"
                                                "version：只取同一版本的评分）")
    store.close()


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhibiao.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300, env={"ZHIBIAO_ROOT": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(cwd)})


def test_cli_reads_the_previous_period_from_the_database_it_saves_to(tmp_path: Path, example: dict) -> None:
    def dump(data: dict, name: str) -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(json.loads(json.dumps(data, default=lambda x: float(x) if isinstance(x, Decimal) else str(x))), allow_unicode=True), encoding="utf-8")
        return path

    y2023, y2024 = dump(period_2023(example), "2023.yaml"), dump(without_previous(example), "2024.yaml")
    db = tmp_path / "成果.sqlite3"
    done = _cli("score", str(y2023), "--as-of", "2024-09-01", "--save", "--db", str(db), "--by", "质量办", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    # without a database nothing is known of 2023: the old message, pointing at previous:
    done = _cli("score", str(y2024), "--format", "json", cwd=tmp_path)
    assert done.returncode == 1
    assert "考核对象“旅游管理学院”缺少上期的“employment_rate”（毕业生年终就业率（%））：规则“q-employment-change”要与上期比较，请在 previous 中填报" in done.stderr
    done = _cli("score", str(y2024), "--format", "json", "--previous-from", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert {s["name"]: s["total"] for s in json.loads(done.stdout)["subjects"]} == \
        {k: v.rstrip("0").rstrip(".") if "." in v else v for k, v in TOTALS.items()}
    done = _cli("score", str(y2024), "--explain", "旅游管理学院", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "上期 94.6（结果库第 1 次评分，2023年度），降低 6.6，计 6 步" in done.stdout
    done = _cli("validate", str(y2024), "--previous-from", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
