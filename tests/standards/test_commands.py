"""`zhibiao review` / `zhibiao indicators`: outputs, and bad submissions refused with file:line:column, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

from zhibiao.cli import main

ROOT = Path(__file__).resolve().parents[2]
REVIEW = str(ROOT / "examples" / "review-2019.yaml")
INDICATORS = str(ROOT / "examples" / "indicators-2010.yaml")


def test_review_json(tmp_path, capsys):
    out = tmp_path / "复核.json"
    assert main(["review", REVIEW, "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(d["院校"], d["复核结论"], d["相符项数"]) for d in data] == [("甲职业技术学院", "有效", 12), ("乙职业技术学院", "待改进", 11)]
    assert data[1]["后果"][0]["措施"] == ["削减招生计划", "暂停备案新专业", "限制项目申报"]
    assert data[1]["可重新申请复核日期"] == "2020-06-10"


def test_review_all_reading_from_the_command_line(capsys, tmp_path):
    sub = tmp_path / "r.yaml"
    text = Path(REVIEW).read_text(encoding="utf-8").replace("measures: 一般", "measures: 针对性不强、力度不够")
    sub.write_text(text, encoding="utf-8")
    assert main(["review", str(sub), "--format", "csv"]) == 0
    assert ",异常," in capsys.readouterr().out
    assert main(["review", str(sub), "--format", "csv", "--abnormal-combination", "all"]) == 0
    assert ",待改进," in capsys.readouterr().out


def test_review_bad_submission(tmp_path, capsys):
    sub = tmp_path / "bad.yaml"
    text = Path(REVIEW).read_text(encoding="utf-8")
    text = text.replace("      - {element: 质量保证效果, agree: false}\n  - college: 乙", "  - college: 乙", 1)
    text = text.replace("measures: 一般", "measures: 一船")
    sub.write_text(text, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["review", str(sub), "-f", "json", "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    lines = text.splitlines()
    el = next(i for i, x in enumerate(lines) if x.strip() == "elements:") + 1
    me = next(i for i, x in enumerate(lines) if "measures: 一船" in x) + 1
    assert err == [
        f"{sub}:{el + 1}:7 甲职业技术学院：诊断要素应为 15 项，实际 14 项",
        f"{sub}:{el + 1}:7 甲职业技术学院：缺少诊断要素 质量保证效果 的比对结果",  # checked against the declared list
        f"{sub}:{me}:15 乙职业技术学院：改进措施评价“一船”不在可选值中，是否想写“一般”？（可选：针对性强、切实可行、成效明显、针对性不强、力度不够、一般）",
    ]
    assert not out.exists()


def test_indicators_table(capsys):
    assert main(["indicators", INDICATORS]) == 0
    out = capsys.readouterr().out
    assert "学生就业率" in out and "未达标" in out
    assert out.rstrip().endswith("达标 2 项，预警 0 项，未达标 1 项")


def test_indicators_bad_submission(tmp_path, capsys):
    sub = tmp_path / "bad.yaml"
    sub.write_text("objectives: cz-quality-objectives\nvalues:\n  - {indicator: employment-rte, actual: 91}\n"
                   "  - {indicator: customer-satisfaction, actual: 很高}\n", encoding="utf-8")
    out = tmp_path / "x.csv"
    assert main(["indicators", str(sub), "-f", "csv", "-o", str(out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{sub}:3:17 未知的指标“employment-rte”，是否想写“employment-rate”？（可选：customer-satisfaction、employment-rate、evaluation-grade）",
        f"{sub}:4:48 顾客满意度：“actual”（当前值（数字））应为数字，实际为“很高”",
    ]
    assert not out.exists()


def test_examples_match_their_submission_schemas():
    from zhibiao.load import load_file
    from zhibiao.validate.schema import check

    schemas = Path(REVIEW).resolve().parents[1] / "schemas"
    assert check(load_file(REVIEW), schemas, "review-submission.schema.json") == []
    assert check(load_file(INDICATORS), schemas, "indicator-submission.schema.json") == []
    assert Path(REVIEW).read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/review-submission.schema.json")
