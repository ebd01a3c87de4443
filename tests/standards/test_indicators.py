"""Indicator states at the exact thresholds, with and without 预警值, both directions, and grades."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from zhibiao.load import load_file
from zhibiao import api
from zhibiao.build.objectives import build_objectives
from zhibiao.evaluate.objectives import evaluate_indicators
from zhibiao.model.objectives import IndicatorValue


def build_indicators(doc):
    return build_objectives(doc).indicators


def evaluate(rows):
    return evaluate_indicators([IndicatorValue(ind, actual, (k,)) for ind, actual, k in rows])


def indicators_file(path):
    return api.indicators(path)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed():
    return {i.id: i for i in build_indicators(load_file(str(ROOT / "standards" / "objectives.yaml")))}


@pytest.mark.parametrize("iid, actual, state", [
    ("customer-satisfaction", "84.9", "未达标"), ("customer-satisfaction", "85", "达标"),
    ("customer-satisfaction", "85.0", "达标"), ("customer-satisfaction", "84.99", "未达标"),
    ("employment-rate", "90", "达标"), ("employment-rate", "89.99", "未达标"), ("employment-rate", "100", "达标"),
])
def test_seed_objectives(seed, iid, actual, state):
    [res] = evaluate([(seed[iid], Decimal(actual), 0)])
    assert res.state == state
    assert res.actual == Decimal(actual)


def test_seed_explanation(seed):
    [res] = evaluate([(seed["employment-rate"], Decimal("89.99"), 0)])
    assert res.explanation == "当前值 89.99%，标准值 90%；未达标：当前值 < 90（学生就业率≥90﹪）"


@pytest.mark.parametrize("grade, state", [("不合格", "未达标"), ("合格", "达标"), ("良好", "达标"), ("优秀", "达标")])
def test_grade(seed, grade, state):
    [res] = evaluate([(seed["evaluation-grade"], grade, 0)])
    assert res.state == state


MONITORED = """\
# yaml-language-server: $schema=../schemas/objectives.schema.json
kind: objectives
id: test-monitored
title: 测试指标
version: 1.0.0
status: 草案
effective: 2020-01-01
owner: 质量管理办公室
source: {file: 002_0760d59eef6def2d.txt, section: 测试}
revisions:
  - {version: 1.0.0, date: 2020-01-01, summary: 测试}
indicators:
  - {id: employment, name: 就业率, unit: "%", direction: 越高越好, target: 95, warning: 92, standard: 90, text: 就业率, source: {file: 002_0760d59eef6def2d.txt, section: 测试}}
  - {id: ratio, name: 生师比, direction: 越低越好, target: 16, warning: 17, standard: 18, text: 生师比, source: {file: 002_0760d59eef6def2d.txt, section: 测试}}
"""


@pytest.fixture(scope="module")
def monitored(tmp_path_factory):
    p = tmp_path_factory.mktemp("obj") / "objectives.yaml"
    p.write_text(MONITORED, encoding="utf-8")
    return {i.id: i for i in build_indicators(load_file(str(p)))}


@pytest.mark.parametrize("iid, actual, state", [
    ("employment", "89.99", "未达标"), ("employment", "90", "预警"), ("employment", "91.99", "预警"),
    ("employment", "92", "达标"), ("employment", "96", "达标"),
    ("ratio", "18.01", "未达标"), ("ratio", "18", "预警"), ("ratio", "17.5", "预警"), ("ratio", "17", "达标"),
])
def test_warning_zone(monitored, iid, actual, state):
    [res] = evaluate([(monitored[iid], Decimal(actual), 0)])
    assert res.state == state


def test_target_is_reported(monitored):
    results = evaluate([(monitored["employment"], Decimal("95"), 0), (monitored["employment"], Decimal("90"), 1)])
    assert results[0].explanation.endswith("；已达到目标值（就业率）")
    assert results[1].explanation == "当前值 90%，标准值 90%，预警值 92%，目标值 95%；预警：当前值 ≥ 90 且 当前值 < 92；未达到目标值（就业率）"


def test_example_file():
    results = indicators_file(ROOT / "examples" / "indicators-2010.yaml")
    assert [(r.indicator.id, r.state) for r in results] == [
        ("customer-satisfaction", "达标"), ("employment-rate", "未达标"), ("evaluation-grade", "达标")]
