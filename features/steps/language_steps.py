"""中文步骤库：通用考核语言（开放名单、上期值、分档、等级、排名、一票否决、评优限制、汇总……）。

句式一览（“”为全角引号）：
  假如 使用考核方案“demo-school-teaching”的版本“1.0.0”         （指定版本，草案也可以）
  假如 使用下面的考核方案：                                     （三个英文双引号之间写方案；文件控制字段可省略）
  假如 以示例填报“examples/demo-school-teaching-2024.yaml”为基础
  而且 “张老师”的属性“department”为“机电工程系”
  而且 “机电工程学院”上期的“employment_rate”为 94.1
  而且 结果库中保存了“2023年度”（2023-01-01 至 2023-12-31）的评分，其中“信息工程学院”的“employment_rate”为 95.8
  当 从结果库读取上期值评分
  那么 “X”的“q-employment-change”的说明为“本期 …，上期 …（结果库第 1 次评分，2023年度），…”
  那么 “X”被加“r-projects”共 9 分
  那么 “X”的“op-incidents”超出上限截去 1 分
  那么 “X”的“业绩”被封顶截去 10 分
  那么 “X”按条款计分为 38 分
  那么 “X”因“veto-incident”被一票否决 / 那么 “X”没有被一票否决
  那么 “X”的等级为“优秀”
  那么 “X”不能参加“教学工作先进单位”评比 / 那么 “X”可以参加“教学工作先进单位”评比
  那么 “X”在“r-contest”中排第 2 名 / 那么 “X”不参加“r-contest”的排名
  那么 “X”的“teacher_mean”为 89.33
  那么 评分结果为：                                             （数据表：考核对象、总分、等级、名次、奖项，列可选）
  那么 方案校验失败，错误信息包含“…”
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from pathlib import Path

from pytest_bdd import given, parsers, then, when

from zhibiao import api
from zhibiao.errors import ZhibiaoError
from zhibiao.load import load_file, load_text
from zhibiao.numbers import fmt
from zhibiao.store import Store

from .scoring_steps import Scoring, cell

# What a scheme written in a scenario may leave out: its document control (a scenario pins rules, not a file).
SCENARIO_CONTROL = {
    "kind": "scheme", "version": "0.0.1", "status": "草案", "effective": "2000-01-01", "owner": "场景",
    "source": {"file": "examples/documents/demo-school-teaching.md", "section": "场景中的方案"},
    "revisions": [{"version": "0.0.1", "date": "2000-01-01", "summary": "写在场景中的方案。"}],
}


@given(parsers.parse("使用考核方案“{scheme}”的版本“{version}”"))
def _use_version(scoring: Scoring, scheme: str, version: str) -> None:
    scoring.scheme = f"{scheme}@{version}"


@given("使用下面的考核方案：")
def _scheme_here(scoring: Scoring, docstring: str) -> None:
    doc = load_text(docstring, "场景中的方案")
    if isinstance(doc.data, dict):
        for key, value in SCENARIO_CONTROL.items():
            doc.data.setdefault(key, value)
    try:
        scoring.scheme = api.scheme(doc)
        scoring.scheme_error = None
    except ZhibiaoError as exc:
        scoring.scheme_error = exc
    scoring.period = {"start": "2024-01-01", "end": "2024-12-31"}
    scoring.subjects = {}  # a new scheme starts a new submission


@given(parsers.parse("以示例填报“{path}”为基础"))
def _example(scoring: Scoring, path: str) -> None:
    data = load_file(api.open_repository().root / path).data
    scoring.period = {k: str(v) for k, v in data["period"].items()}
    scoring.subjects = {s["name"]: {**s, "facts": dict(s.get("facts") or {}), "records": dict(s.get("records") or {})}
                        for s in data["subjects"]}


@given(parsers.parse("“{name}”的属性“{attribute}”为“{value}”"))
def _attribute(scoring: Scoring, name: str, attribute: str, value: str) -> None:
    subject = scoring.subject(name)
    subject["attributes"] = {**subject.get("attributes", {}), attribute: value}
    subject["facts"].pop(attribute, None)


@given(parsers.parse("“{name}”上期的“{fact}”为 {value}"))
def _previous(scoring: Scoring, name: str, fact: str, value: str) -> None:
    subject = scoring.subject(name)
    subject["previous"] = {**subject.get("previous", {}), fact: cell(value)}


@given(parsers.parse("结果库中保存了“{period}”（{start} 至 {end}）的评分，其中“{name}”的“{fact}”为 {value}"))
def _stored_period(scoring: Scoring, tmp_path: Path, period: str, start: str, end: str, name: str, fact: str,
                   value: str) -> None:
    """A results database (SQLite, in the scenario's folder) holding one earlier period: the scenario's subjects
    with `fact` set to `value` for `name`, scored under the scenario's scheme and saved."""
    scoring.store = scoring.store or Store(f"sqlite:///{tmp_path / 'results.sqlite3'}")
    earlier = copy.deepcopy(scoring.subjects)
    earlier[name]["facts"][fact] = cell(value)
    for s in earlier.values():  # what that period compared with does not matter here
        s["previous"] = {fact: s["facts"].get(fact, cell(value))}
    scheme = scoring.scheme_object()
    doc = {"kind": "submission", "scheme": scheme.id, "period": {"name": period, "start": start, "end": end},
           "subjects": [scoring.shaped(x) for x in earlier.values()]}
    as_of = max(dt.date.fromisoformat(end), scheme.meta.effective)  # an earlier period under today's rules
    chosen = scoring.scheme if not isinstance(scoring.scheme, str) or "@" in scoring.scheme else None
    scoring.store.save(api.score(doc, chosen, as_of=as_of), by="场景")


@when("从结果库读取上期值评分")
def _score_with_store(scoring: Scoring, tmp_path: Path) -> None:
    scoring.store = scoring.store or Store(f"sqlite:///{tmp_path / 'results.sqlite3'}")
    scoring.submit(previous_from=scoring.store)


@then(parsers.parse("“{name}”的“{rule}”的说明为“{text}”"))
def _detail(scoring: Scoring, name: str, rule: str, text: str) -> None:
    ds = _applied(scoring, name, rule)
    assert ds, f"“{name}”没有应用“{rule}”"
    assert ds[0].detail == text, f"实际：{ds[0].detail}"


def _applied(scoring: Scoring, name: str, rule: str):
    return [d for d in scoring.result(name).deductions if d.rule_id == rule]


@then(parsers.parse("“{name}”被加“{rule}”共 {points} 分"))
def _added(scoring: Scoring, name: str, rule: str, points: str) -> None:
    ds = [d for d in _applied(scoring, name, rule) if d.effect > 0]
    assert ds, f"“{name}”没有被加“{rule}”；实际：{[(d.rule_id, d.effect) for d in scoring.result(name).deductions]}"
    assert ds[0].subtotal == Decimal(points), f"实际 {fmt(ds[0].subtotal)} 分"


@then(parsers.parse("“{name}”的“{rule}”超出上限截去 {points} 分"))
def _capped(scoring: Scoring, name: str, rule: str, points: str) -> None:
    ds = _applied(scoring, name, rule)
    assert ds, f"“{name}”没有应用“{rule}”"
    assert ds[0].capped == Decimal(points), f"实际截去 {fmt(ds[0].capped)} 分"


@then(parsers.parse("“{name}”的“{category}”被封顶截去 {points} 分"))
def _cap_cut(scoring: Scoring, name: str, category: str, points: str) -> None:
    cat = next(c for c in scoring.result(name).all_categories() if category in (c.name, c.id))
    assert cat.cap_cut == Decimal(points), f"实际截去 {fmt(cat.cap_cut)} 分"


@then(parsers.parse("“{name}”按条款计分为 {points} 分"))
def _points(scoring: Scoring, name: str, points: str) -> None:
    r = scoring.result(name)
    got = r.points if r.points is not None else r.total
    assert got == Decimal(points), f"实际 {fmt(got)} 分"


@then(parsers.parse("“{name}”因“{veto}”被一票否决"))
def _vetoed(scoring: Scoring, name: str, veto: str) -> None:
    assert veto in [v.id for v in scoring.result(name).vetoes], f"实际：{[v.id for v in scoring.result(name).vetoes]}"


@then(parsers.parse("“{name}”没有被一票否决"))
def _not_vetoed(scoring: Scoring, name: str) -> None:
    assert not scoring.result(name).vetoes, f"实际：{[v.id for v in scoring.result(name).vetoes]}"


@then(parsers.parse("“{name}”的等级为“{grade}”"))
def _grade(scoring: Scoring, name: str, grade: str) -> None:
    assert scoring.result(name).grade == grade, f"实际：{scoring.result(name).grade}"


def _award_id(scoring: Scoring, award: str) -> str:
    for a in scoring.scheme_object().award_list:
        if award in (a.id, a.name) or any(t.name == award for t in a.tiers):
            return a.id or a.name
    raise AssertionError(f"方案中没有评比“{award}”")


@then(parsers.parse("“{name}”不能参加“{award}”评比"))
def _barred(scoring: Scoring, name: str, award: str) -> None:
    assert scoring.result(name).excluded_from(_award_id(scoring, award)), f"“{name}”可以参加“{award}”评比"


@then(parsers.parse("“{name}”可以参加“{award}”评比"))
def _not_barred(scoring: Scoring, name: str, award: str) -> None:
    why = scoring.result(name).excluded_from(_award_id(scoring, award))
    assert not why, f"“{name}”被排除：{[o.id for o in why]}"


@then(parsers.parse("“{name}”在“{rule}”中排第 {rank:d} 名"))
def _rule_rank(scoring: Scoring, name: str, rule: str, rank: int) -> None:
    got = scoring.result(name).ranks.get(rule, (None, ""))[0]
    assert got == rank, f"实际：{scoring.result(name).ranks.get(rule)}"


@then(parsers.parse("“{name}”不参加“{rule}”的排名"))
def _unranked(scoring: Scoring, name: str, rule: str) -> None:
    got = scoring.result(name).ranks.get(rule)
    assert got is not None and got[0] is None, f"实际：{got}"


@then(parsers.parse("“{name}”的“{measure}”为 {value}"))
def _measure(scoring: Scoring, name: str, measure: str, value: str) -> None:
    m = scoring.result(name).measures.get(measure)
    assert m is not None, f"“{name}”没有汇总指标“{measure}”：{list(scoring.result(name).measures)}"
    assert m.value == Decimal(value), f"实际 {fmt(m.value)}（{m.detail}）"


@then("评分结果为：")
def _table(scoring: Scoring, datatable: list[list[str]]) -> None:
    head = [h.strip() for h in datatable[0]]
    wrong = []
    for line in datatable[1:]:
        row = dict(zip(head, (c.strip() for c in line)))
        r = scoring.result(row["考核对象"])
        got = {"总分": fmt(r.total), "等级": r.grade or "", "名次": str(r.rank or ""), "奖项": r.award or ""}
        for col, want in row.items():
            if col != "考核对象" and got.get(col) != want and not (col == "总分" and Decimal(want) == r.total):
                wrong.append(f"{row['考核对象']} 的{col}：期望 {want or '（空）'}，实际 {got.get(col) or '（空）'}")
    assert not wrong, "\n".join(wrong)


@then(parsers.parse("方案校验失败，错误信息包含“{text}”"))
def _scheme_failed(scoring: Scoring, text: str) -> None:
    error = getattr(scoring, "scheme_error", None)
    assert error is not None, "方案竟然通过了校验"
    assert text in str(error), str(error)

