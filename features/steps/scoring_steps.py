"""中文步骤库：考核方案评分。委员会成员不写 Python 也能用这些句子写场景。

句式一览（“”为全角引号）：
  假如 使用考核方案“cz-quality-season”
  假如 A板块的“教务处”按要求开展了学习讨论并提交了完整方案和总结
  假如 A板块的“教务处”填报了：            （数据表：| 事实 | 值 |）
  而且 “教务处”填报事实“absent_members”为 3
  而且 “教务处”的记录“teacher_evaluations”为：（数据表：第一行为字段名）
  当 评分 / 当 按 2011-01-01 评分 / 当 按方案版本“1.0.0”评分
  那么 “教务处”的总分为 93.3 分
  那么 “教务处”的“学习讨论”得分为 8.5 分
  那么 “教务处”被扣“study-2”共 1.5 分
  那么 “教务处”因“学生评价满意度低于60分”被扣 1 分          （按原文措辞中的片段）
  那么 “教务处”没有被扣“a-exec-6”
  那么 “教务处”的“学习讨论”被类别保底截去 1 分
  那么 “教务处”在本板块排名第 1 名
  那么 “教务处”的排名说明包含“并列”
  那么 “教务处”获得“一等奖” / 那么 “教务处”没有获奖
  那么 评分失败，错误信息包含“不能小于 0”
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from zhibiao import api
from zhibiao.errors import ZhibiaoError
from zhibiao.model.results import Result as Run
from zhibiao.model.scheme import Scheme
from zhibiao.numbers import fmt

FIRED: set[str] = set()  # every rule that fired in any scenario: read by the rule-coverage check


def cell(text: str) -> Any:
    """A table cell as a committee member writes it: 是/否, numbers, lists “90, 48, 45”, or text."""
    t = text.strip()
    if t in ("是", "true", "True"):
        return True
    if t in ("否", "false", "False"):
        return False
    if "," in t or "，" in t:
        return [cell(x) for x in t.replace("，", ",").split(",")]
    try:
        return int(t)
    except ValueError:
        pass
    try:
        return Decimal(t)
    except ArithmeticError:
        return t


class Scoring:
    def __init__(self) -> None:
        self.scheme: str | Scheme = "cz-quality-season"
        self.subjects: dict[str, dict] = {}
        self.period = {"start": "2009-10-15", "end": "2010-01-15"}
        self.run: Run | None = None
        self.error: ZhibiaoError | None = None
        self.raw_subjects: list[dict] | None = None
        self.store: Any = None  # a results database the scenario saved earlier periods in

    def scheme_object(self) -> Scheme:
        return api.scheme(self.scheme)

    def shaped(self, subject: dict) -> dict:
        """A subject as the submission writes it: rows of the “填报了” table that name an attribute of the
        subject's block go under `attributes` (a committee member writes facts and attributes in one table)."""
        if isinstance(self.scheme, str) and self.scheme == "cz-quality-season":
            return subject
        block = self.scheme_object().block(subject["block"])
        attrs = {a.id for a in block.attributes} if block else set()
        out = dict(subject)
        facts = dict(subject.get("facts", {}))
        moved = {k: facts.pop(k) for k in list(facts) if k in attrs}
        if moved:
            typed = {k: str(v) if block.attribute(k).type == "text" else v for k, v in moved.items()}  # type: ignore[union-attr]
            out["attributes"] = {**subject.get("attributes", {}), **typed}
        out["facts"] = facts
        return out

    def subject(self, name: str) -> dict:
        try:
            return self.subjects[name]
        except KeyError:
            raise AssertionError(f"场景中还没有考核对象“{name}”，请先用“假如 A板块的“{name}”……”声明") from None

    def submit(self, scheme_ref: str | None = None, as_of: dt.date | None = None, previous_from=None) -> None:
        subjects = self.raw_subjects if self.raw_subjects is not None else list(self.subjects.values())
        ident = self.scheme.id if isinstance(self.scheme, Scheme) else self.scheme
        try:
            period = self.period
            effective = self.scheme_object().meta.effective
            if dt.date.fromisoformat(period["end"]) < effective:  # a scenario of a newer scheme: score on its first day
                period = {"start": effective.isoformat(), "end": effective.isoformat()}
            doc = {"kind": "submission", "scheme": ident, "period": period,
                   "subjects": [self.shaped(x) for x in subjects]}
            chosen = scheme_ref or (self.scheme if isinstance(self.scheme, Scheme) or "@" in self.scheme else None)
            self.run = api.score(doc, chosen, as_of=as_of, previous_from=previous_from)
            FIRED.update(f"{self.run.scheme_id}:{r}" for r in self.run.fired)
        except ZhibiaoError as exc:
            self.error = exc

    def result(self, name: str):
        assert self.run is not None, f"评分没有成功：{self.error}"
        return self.run.subject(name)


@pytest.fixture
def scoring() -> Scoring:
    return Scoring()


REQUIRED_OK = {"study_held": True, "discussion_held": True, "plan_missing_elements": 0, "summary_missing_items": 0}


@given(parsers.parse("使用考核方案“{scheme}”"))
def _use_scheme(scoring: Scoring, scheme: str) -> None:
    scoring.scheme = scheme


@given(parsers.parse("{block}板块的“{name}”按要求开展了学习讨论并提交了完整方案和总结"))
def _subject_ok(scoring: Scoring, block: str, name: str) -> None:
    scoring.subjects[name] = {"name": name, "block": block, "facts": dict(REQUIRED_OK), "records": {}}


@given(parsers.parse("{block}板块的“{name}”填报了："))
def _subject_table(scoring: Scoring, block: str, name: str, datatable: list[list[str]]) -> None:
    facts = {row[0].strip(): cell(row[1]) for row in datatable[1:]}
    scoring.subjects[name] = {"name": name, "block": block, "facts": facts, "records": {}}


@given(parsers.parse("“{name}”填报事实“{fact}”为 {value}"))
def _fact(scoring: Scoring, name: str, fact: str, value: str) -> None:
    scoring.subject(name)["facts"][fact] = cell(value)


@given(parsers.parse("“{name}”没有填报事实“{fact}”"))
def _no_fact(scoring: Scoring, name: str, fact: str) -> None:
    scoring.subject(name)["facts"].pop(fact, None)


@given(parsers.parse("“{name}”的记录“{record}”为："))
def _records(scoring: Scoring, name: str, record: str, datatable: list[list[str]]) -> None:
    head = [h.strip() for h in datatable[0]]
    rows = []
    for line in datatable[1:]:
        row = {}
        for h, v in zip(head, line):
            value = cell(v)
            if h == "rates" and not isinstance(value, list):
                value = [value]
            row[h] = value
        rows.append(row)
    scoring.subject(name)["records"][record] = rows


@given(parsers.parse("“{name}”在填报中出现两次"))
def _twice(scoring: Scoring, name: str) -> None:
    subjects = list(scoring.subjects.values())
    scoring.raw_subjects = subjects + [dict(scoring.subject(name))]


@when("评分")
def _score(scoring: Scoring) -> None:
    scoring.submit()


@when(parsers.parse("按 {day} 评分"))
def _score_as_of(scoring: Scoring, day: str) -> None:
    scoring.submit(as_of=dt.date.fromisoformat(day))


@when(parsers.parse("按方案版本“{version}”评分"))
def _score_version(scoring: Scoring, version: str) -> None:
    scoring.submit(scheme_ref=f"{scoring.scheme}@{version}")


@then(parsers.parse("“{name}”的总分为 {points} 分"))
def _total(scoring: Scoring, name: str, points: str) -> None:
    assert scoring.result(name).total == Decimal(points), fmt(scoring.result(name).total)


@then(parsers.parse("“{name}”的“{category}”得分为 {points} 分"))
def _category(scoring: Scoring, name: str, category: str, points: str) -> None:
    res = scoring.result(name)
    cat = next((c for c in res.all_categories() if category in (c.name, c.id)), None)
    assert cat is not None, f"没有考核类别“{category}”"
    assert cat.score == Decimal(points), f"实际 {fmt(cat.score)} 分"


@then(parsers.parse("“{name}”被扣“{rule}”共 {points} 分"))
def _deducted(scoring: Scoring, name: str, rule: str, points: str) -> None:
    ds = [d for d in scoring.result(name).deductions if d.rule_id == rule and d.effect < 0]
    assert ds, f"“{name}”没有被扣“{rule}”；实际扣分：{[d.rule_id for d in scoring.result(name).deductions]}"
    assert ds[0].subtotal == Decimal(points), f"实际 {fmt(ds[0].subtotal)} 分"


@then(parsers.parse("“{name}”因“{wording}”被扣 {points} 分"))
def _deducted_by_wording(scoring: Scoring, name: str, wording: str, points: str) -> None:
    ds = [d for d in scoring.result(name).deductions if wording in d.text]
    assert ds, f"“{name}”没有原文含“{wording}”的扣分"
    assert sum(d.subtotal for d in ds) == Decimal(points)


@then(parsers.parse("“{name}”没有被扣“{rule}”"))
def _not_deducted(scoring: Scoring, name: str, rule: str) -> None:
    assert rule not in [d.rule_id for d in scoring.result(name).deductions]


@then(parsers.parse("“{name}”的“{category}”被类别保底截去 {points} 分"))
def _floor(scoring: Scoring, name: str, category: str, points: str) -> None:
    cat = next(c for c in scoring.result(name).all_categories() if category in (c.name, c.id))
    assert cat.floor_cut == Decimal(points), f"实际截去 {fmt(cat.floor_cut)} 分"


@then(parsers.parse("“{name}”在本板块排名第 {rank:d} 名"))
def _rank(scoring: Scoring, name: str, rank: int) -> None:
    assert scoring.result(name).rank == rank, f"实际第 {scoring.result(name).rank} 名"


@then(parsers.parse("“{name}”的排名说明包含“{text}”"))
def _rank_note(scoring: Scoring, name: str, text: str) -> None:
    assert text in scoring.result(name).rank_note, scoring.result(name).rank_note


@then(parsers.parse("“{name}”获得“{award}”"))
def _award(scoring: Scoring, name: str, award: str) -> None:
    assert scoring.result(name).award == award, f"实际：{scoring.result(name).award}"


@then(parsers.parse("“{name}”没有获奖"))
def _no_award(scoring: Scoring, name: str) -> None:
    assert scoring.result(name).award is None, f"实际：{scoring.result(name).award}"


@then(parsers.parse("评分失败，错误信息包含“{text}”"))
def _failed(scoring: Scoring, text: str) -> None:
    assert scoring.error is not None, "评分竟然成功了"
    assert text in str(scoring.error), str(scoring.error)


@then(parsers.parse("评分结果记录了方案版本“{version}”"))
def _version(scoring: Scoring, version: str) -> None:
    assert scoring.run is not None and scoring.run.version == version
