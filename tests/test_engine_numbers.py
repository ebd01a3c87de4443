"""Numbers as durable-rules reads them. Its JSON reader does not know exponent notation: before numbers were
written positionally, a 学生评教 of 0.0000001 (`1e-07` from the encoder) crashed the whole process."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from zhibiao.compile.engine_rules import program, single
from zhibiao.evaluate.engine import ruleset

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "demo-school-teaching-2024.yaml"


@pytest.mark.parametrize("value", ["0.0000001", "0.00001", "1e-7", "0.000000000000000000000000000001", "99.9999999999999"])
def test_tiny_and_long_values_score_in_their_band(tmp_path, value):
    """In a separate process, so that a crash of the C engine is a failed test and not a lost test run."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("student_rating: 91.2", f"student_rating: {value}", 1)
    sub = tmp_path / "s.yaml"
    sub.write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "score", str(sub),
                          "--explain", "机电工程学院"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    band, points = ("≥ 90", 10) if value.startswith("99.") else ("< 80", 3)
    assert f"【子项目：学生评教】满分 10，加 {points}，得 {points}" in run.stdout
    shown = "0.0000001" if value == "1e-7" else value  # shown as written, never in exponent form
    assert f"学生评教平均分 {shown}，属于 {band} 一档" in run.stdout


def test_thresholds_and_facts_below_1e_minus_4_compare_exactly():
    rules = ruleset(program("numtest", [single("below", {"$lt": {"x": 0.000001}}),
                                        single("at_least", {"$gte": {"x": 0.000001}})]))
    facts = [[{"id": "a", "$k": "s", "x": Decimal("0.0000001")}],
             [{"id": "b", "$k": "s", "x": Decimal("0.000001")}],
             [{"id": "c", "$k": "s", "x": Decimal("1E-30")}],
             [{"id": "d", "$k": "s", "x": Decimal("0.00001")}]]
    got = [sorted(m.rule for m in found) for found in rules.match_groups(facts)]
    assert got == [["below"], ["at_least"], ["below"], ["at_least"]]
