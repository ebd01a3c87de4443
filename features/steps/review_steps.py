"""Steps for 标准与诊改: review conclusions, indicator states and structural checks of standards/."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from zhibiao import api
from zhibiao.errors import Location, errors_only
from zhibiao.evaluate.objectives import evaluate_indicators
from zhibiao.evaluate.review import evaluate_reviews
from zhibiao.load import load_file
from zhibiao.model.objectives import Indicator, IndicatorValue
from zhibiao.model.review import CollegeReview

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class StandardsContext:
    overrides: dict[str, Any] = field(default_factory=dict)
    agree: dict[str, int] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)
    history: dict[str, list[tuple[dt.date, str]]] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)
    root: Path = ROOT
    problems: list[str] = field(default_factory=list)


@pytest.fixture
def standards_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StandardsContext:
    return StandardsContext()


# ------------------------------------------------------------------ review


@given(parsers.parse("使用复核程序“{procedure_id}”"))
def _std_use_procedure(standards_ctx: StandardsContext, procedure_id: str) -> None:
    assert api.open_repository(ROOT).procedure().id == procedure_id


@given(parsers.parse("“异常”两项条件的组合方式为“{combination}”"))
def _std_combination(standards_ctx: StandardsContext, combination: str) -> None:
    standards_ctx.overrides["abnormal_combination"] = combination


@given(parsers.parse("“{college}”15项诊断要素中有 {agree:d} 项相符"))
def _std_agree(standards_ctx: StandardsContext, college: str, agree: int) -> None:
    standards_ctx.agree[college] = agree


@given(parsers.parse("“{college}”的改进措施评价为“{measures}”"))
def _std_measures(standards_ctx: StandardsContext, college: str, measures: str) -> None:
    standards_ctx.measures[college] = measures


@given(parsers.parse("“{college}”{day} 的复核结论为“{conclusion}”"))
def _std_history(standards_ctx: StandardsContext, college: str, day: str, conclusion: str) -> None:
    standards_ctx.history.setdefault(college, []).append((dt.date.fromisoformat(day), conclusion))


@when("判定复核结论")
def _std_review(standards_ctx: StandardsContext) -> None:
    proc = api.open_repository(ROOT).procedure().with_parameters(standards_ctx.overrides)
    colleges = [CollegeReview(name, dt.date(2019, 5, 20), [(f"要素{i + 1}", i < n) for i in range(15)],
                              standards_ctx.measures[name], sorted(standards_ctx.history.get(name, [])),
                              Location("<场景>")) for name, n in standards_ctx.agree.items()]
    standards_ctx.results = {r.college: r for r in evaluate_reviews(colleges, proc)}


@then(parsers.parse("“{college}”的复核结论为“{conclusion}”"))
def _std_conclusion(standards_ctx: StandardsContext, college: str, conclusion: str) -> None:
    assert standards_ctx.results[college].conclusion == conclusion


def _measures_of(ctx: StandardsContext, college: str) -> list[str]:
    return [m for q in ctx.results[college].consequences for m in q.measures]


@then(parsers.parse("“{college}”的后果包括“{measure}”"))
def _std_has_consequence(standards_ctx: StandardsContext, college: str, measure: str) -> None:
    assert measure in _measures_of(standards_ctx, college)


@then(parsers.parse("“{college}”的后果不包括“{measure}”"))
def _std_lacks_consequence(standards_ctx: StandardsContext, college: str, measure: str) -> None:
    assert measure not in _measures_of(standards_ctx, college)


@then(parsers.parse("“{college}”可于 {day} 起重新申请复核"))
def _std_re_review(standards_ctx: StandardsContext, college: str, day: str) -> None:
    assert standards_ctx.results[college].re_review_from == dt.date.fromisoformat(day)


# ------------------------------------------------------------------ indicators


@given(parsers.parse("使用质量目标“{objectives_id}”"))
def _std_objectives(standards_ctx: StandardsContext, objectives_id: str) -> None:
    objectives = api.open_repository(ROOT).objectives(objectives_id)
    standards_ctx.indicators = {i.id: i for i in objectives.indicators}


@given(parsers.parse("指标“{name}”越高越好，标准值 {standard}，预警值 {warning}，目标值 {target}"))
def _std_monitored(standards_ctx: StandardsContext, name: str, standard: str, warning: str, target: str) -> None:
    standards_ctx.indicators[name] = Indicator(name, name, "%", "越高越好", Decimal(target), Decimal(standard),
                                               Decimal(warning), (), None, name)


@when(parsers.parse("指标“{iid}”的当前值为 {actual}"))
def _std_actual(standards_ctx: StandardsContext, iid: str, actual: str) -> None:
    [res] = evaluate_indicators([IndicatorValue(standards_ctx.indicators[iid], Decimal(actual), ())])
    standards_ctx.states[iid] = res.state


@when(parsers.parse("指标“{iid}”的等级为“{grade}”"))
def _std_grade(standards_ctx: StandardsContext, iid: str, grade: str) -> None:
    [res] = evaluate_indicators([IndicatorValue(standards_ctx.indicators[iid], grade, ())])
    standards_ctx.states[iid] = res.state


@then(parsers.parse("指标“{iid}”的状态为“{state}”"))
def _std_state(standards_ctx: StandardsContext, iid: str, state: str) -> None:
    assert standards_ctx.states[iid] == state


# ------------------------------------------------------------------ structure


def _copy(ctx: StandardsContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if ctx.root == ROOT:
        for name in ("standards", "schemas"):
            shutil.copytree(ROOT / name, tmp_path / name)
        monkeypatch.setenv("ZHIBIAO_ROOT", str(tmp_path))
        monkeypatch.chdir(tmp_path)
        ctx.root = tmp_path
    return ctx.root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@given(parsers.parse("诊断要素“{code}”的诊断点被删去"))
def _std_drop_points(standards_ctx: StandardsContext, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(standards_ctx, tmp_path, monkeypatch) / "standards" / "diagnosis-table.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f'      - code: "{code}"')
    points = text.index("        points:\n", start)
    nxt = text.index("      - code: ", points)
    path.write_text(text[:points] + "        points: []\n" + text[nxt:], encoding="utf-8")


@given(parsers.parse("“{system}”系统中的“{old}”被改为“{new}”"))
def _std_rename_member(standards_ctx: StandardsContext, system: str, old: str, new: str, tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(standards_ctx, tmp_path, monkeypatch) / "standards" / "system-map.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - system: {system}")
    members = text.index("    members: [", start)
    end = text.index("]", members)
    path.write_text(text[:members] + text[members:end].replace(f" {old}", f" {new}") + text[end:], encoding="utf-8")


@when("校验标准库")
def _std_validate(standards_ctx: StandardsContext) -> None:
    problems = api.validate([standards_ctx.root / "standards"], repository=api.Repository(standards_ctx.root))
    standards_ctx.problems = [p.message for p in errors_only(problems)]


@then("没有错误")
def _std_no_errors(standards_ctx: StandardsContext) -> None:
    assert standards_ctx.problems == []


@then(parsers.parse("报告错误“{message}”"))
def _std_reports(standards_ctx: StandardsContext, message: str) -> None:
    assert standards_ctx.problems == [message]


@then(parsers.parse("诊断项目表共有 {count:d} 个诊断要素，每个都有诊断点"))
def _std_elements(standards_ctx: StandardsContext, count: int) -> None:
    data = load_file(str(standards_ctx.root / "standards" / "diagnosis-table.yaml")).data
    elements = [e for item in data["items"] for e in item["elements"]]
    assert len(elements) == count
    assert all(e["points"] for e in elements)


@then("五个系统中的每个部门都在部门目录中")
def _std_departments(standards_ctx: StandardsContext) -> None:
    data = load_file(str(standards_ctx.root / "standards" / "system-map.yaml")).data
    names = {d["name"] for d in data["departments"]} | {a for d in data["departments"] for a in d.get("aliases", [])}
    assert len(data["systems"]) == 5
    assert all(m in names for s in data["systems"] for m in s["members"])
