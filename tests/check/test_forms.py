"""`review` and `indicators` are checked like scores: the same located Chinese errors from the command and from
`validate`, nothing decided from a submission that breaks its procedure, objectives or schema."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.cli import main
from zhibiao.errors import ZhibiaoError

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "review-2019.yaml"
INDICATORS = ROOT / "examples" / "indicators-2010.yaml"


def _write(tmp: Path, name: str, source: Path, *edits: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    out = tmp / name
    out.write_text(text, encoding="utf-8")
    return out


def _line(path: Path, needle: str, nth: int = 1) -> int:
    hits = [i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in ln]
    return hits[nth - 1]


def _refused(capsys, command: str, path: Path) -> str:
    """The message `command` and `validate` both give (the same text, exit code 1)."""
    assert main([command, str(path)]) == 1
    first = capsys.readouterr().err
    assert main(["validate", str(path)]) == 1
    second = capsys.readouterr().err
    assert first.strip() in second
    return first.strip()


def test_the_same_college_twice_is_refused(tmp_path, capsys):
    f = _write(tmp_path, "dup.yaml", REVIEW, ("college: 乙职业技术学院", "college: 甲职业技术学院"))
    n = _line(f, "college: 甲职业技术学院", 2)
    assert _refused(capsys, "review", f) == f"{f}:{n}:14 院校“甲职业技术学院”重复填报（第 6 行已有同名院校）：每所院校只填一次，以往的复核结论写在它的 history 中"


def test_an_unknown_procedure_is_refused_with_a_suggestion(tmp_path, capsys):
    f = _write(tmp_path, "proc.yaml", REVIEW, ("procedure: gd-review-procedure", "procedure: gd-review-procedur"))
    assert _refused(capsys, "review", f) == (
        f"{f}:4:12 填报指定的复核程序“gd-review-procedur”不存在，是否想写“gd-review-procedure”？"
        "（standards/ 中有：gd-review-procedure）")


def test_unknown_objectives_are_refused_with_a_suggestion(tmp_path, capsys):
    f = _write(tmp_path, "obj.yaml", INDICATORS, ("objectives: cz-quality-objectives", "objectives: cz-quality-objective"))
    assert _refused(capsys, "indicators", f) == (
        f"{f}:3:13 填报指定的质量目标“cz-quality-objective”不存在，是否想写“cz-quality-objectives”？"
        "（standards/ 中有：cz-quality-objectives）")


@pytest.mark.parametrize("value, message", [
    ("-5", "顾客满意度的当前值 -5% 小于允许的最小值 0%"),
    ("100.5", "顾客满意度的当前值 100.5% 大于允许的最大值 100%"),
    ("1e400", "数字“1e400”超出可处理的范围：最多 15 位有效数字，整数部分最多 15 位，小数最多 30 位"),
])
def test_values_outside_the_declared_range_are_refused(tmp_path, capsys, value, message):
    f = _write(tmp_path, "v.yaml", INDICATORS, ("actual: 86.5", f"actual: {value}"))
    n = _line(f, f"actual: {value}")
    col = f.read_text(encoding="utf-8").splitlines()[n - 1].index(value) + 1
    assert _refused(capsys, "indicators", f) == f"{f}:{n}:{col} {message}"


def test_no_values_is_refused(tmp_path, capsys):
    text = INDICATORS.read_text(encoding="utf-8").split("values:")[0] + "values: []\n"
    f = tmp_path / "empty.yaml"
    f.write_text(text, encoding="utf-8")
    assert _refused(capsys, "indicators", f) == f"{f}:{_line(f, 'values: []')}:9 values 为空：至少填写一个指标的当前值"


def test_an_objective_outside_its_own_range_is_refused(tmp_path):
    for name in ("standards", "schemas"):
        shutil.copytree(ROOT / name, tmp_path / name)
    f = tmp_path / "standards" / "objectives.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("    standard: 85\n", "    standard: 185\n", 1), encoding="utf-8")
    problems = api.validate([f], repository=api.open_repository(tmp_path))
    assert [str(p) for p in problems] == [
        f"standards/objectives.yaml:{_line(f, 'standard: 185')}:15 指标“顾客满意度”的标准值 185% 超出它的取值范围 0～100%"]


@pytest.mark.parametrize("value, state", [
    ("89.9999999999999", "未达标"),   # 15 significant digits, just below 90
    ("90", "达标"),
    ("90.0000000000001", "达标"),     # 15 significant digits, just above
])
def test_a_value_just_beside_the_threshold_is_decided_exactly(tmp_path, value, state):
    f = _write(tmp_path, "near.yaml", INDICATORS, ("actual: 89.99", f"actual: {value}"))
    [rate] = [r for r in api.indicators(f) if r.indicator.id == "employment-rate"]
    assert (str(rate.actual), rate.state) == (value, state)
    j = tmp_path / "near.json"  # the JSON reader gives the same number
    j.write_text('{"objectives": "cz-quality-objectives", "values": [{"indicator": "employment-rate", "actual": %s}]}'
                 % value, encoding="utf-8")
    assert api.indicators(j)[0].state == state


def test_a_longer_value_is_refused_where_it_is_written(tmp_path, capsys):
    value = "89.99999999999999"  # 16 significant digits: a double inside the engine could no longer tell it from 90
    f = _write(tmp_path, "long.yaml", INDICATORS, ("actual: 89.99", f"actual: {value}"))
    n = _line(f, value)
    col = f.read_text(encoding="utf-8").splitlines()[n - 1].index(value) + 1
    assert _refused(capsys, "indicators", f) == f"{f}:{n}:{col} 数字“{value}”超出可处理的范围：最多 15 位有效数字，整数部分最多 15 位，小数最多 30 位"
    with pytest.raises(ZhibiaoError):
        api.indicators(f)


@pytest.mark.parametrize("command, example, expect", [
    ("review", REVIEW, "甲职业技术学院"),
    ("indicators", INDICATORS, "学生就业率"),
    ("validate", REVIEW, "校验通过：1 个文件"),
])
def test_absolute_paths_work_from_any_directory(tmp_path, command, example, expect):
    env = {k: v for k, v in os.environ.items() if k != "ZHIBIAO_ROOT"}
    env["PYTHONPATH"] = str(ROOT / "engine")
    run = subprocess.run([sys.executable, "-m", "zhibiao.cli", command, str(example)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert expect in run.stdout
