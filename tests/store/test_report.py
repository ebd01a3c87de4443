"""The xlsx report (`zhibiao report --format xlsx`): it opens with openpyxl, its numbers are numbers, its
deductions sheet sums to the totals, and `zhibiao report` reads a stored run or a submission file."""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from store_support import ROOT

from zhibiao import api
from zhibiao.render.report_html import LABEL_GAP, spread_labels, trend_svg

Y2009 = ROOT / "examples" / "cz-quality-season-2009.yaml"
Y2010 = ROOT / "examples" / "cz-quality-season-2010.yaml"


def _rows(ws, first: int) -> list[list]:
    return [list(r) for r in ws.iter_rows(min_row=first, values_only=True)]


@pytest.mark.parametrize("example", [Y2009, Y2010], ids=["2009", "2010"])
def test_the_deductions_sheet_sums_to_the_totals(example: Path) -> None:
    result = api.score(example, repository=api.open_repository(ROOT))
    wb = openpyxl.load_workbook(io.BytesIO(api.report(result, "xlsx")))
    assert wb.sheetnames == ["汇总", "类别得分", "扣分明细"]
    summary, cats, deds = wb["汇总"], wb["类别得分"], wb["扣分明细"]
    assert [c.value for c in summary[3]][:6] == ["名次", "考核对象", "板块", "总分", "评比", "扣分笔数"]
    assert [c.value for c in deds[1]] == ["考核对象", "板块", "类别", "规则", "原文", "数量", "单位", "每单位扣分",
                                          "小计", "本条上限截去"]
    totals = {r[1]: Decimal(str(r[3])) for r in _rows(summary, 4)}
    assert totals == {s.name: s.total for s in result.subjects}
    points: dict[str, Decimal] = {}
    floors: dict[str, Decimal] = {}
    for name, _, _, full, _, floor, _ in _rows(cats, 2):
        points[name] = points.get(name, Decimal(0)) + Decimal(str(full))
        floors[name] = floors.get(name, Decimal(0)) + Decimal(str(floor))
    deducted: dict[str, Decimal] = {name: Decimal(0) for name in totals}
    rows = _rows(deds, 2)
    assert len(rows) == sum(len(s.deductions) for s in result.subjects)
    for row in rows:
        assert isinstance(row[5], (int, float)) and isinstance(row[8], (int, float))  # numbers, not text
        deducted[row[0]] += Decimal(str(row[8]))
    for name, total in totals.items():
        assert points[name] - deducted[name] + floors[name] == total, name
    # ranked within each block: the A block's first row is its rank 1
    first = _rows(summary, 4)[0]
    assert (first[0], first[2]) == (1, "A")
    assert summary.freeze_panes == "A4" and deds.freeze_panes == "A2"
    assert deds.column_dimensions["E"].width > deds.column_dimensions["B"].width


def test_report_command_from_a_stored_run_and_from_a_file(tmp_path: Path) -> None:
    db = str(tmp_path / "r.sqlite3")
    cli = [sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT)]
    saved = subprocess.run(cli + ["score", str(Y2009), "--brief", "--save", "--by", "质量办", "--db", db],
                           capture_output=True, text=True)
    assert saved.returncode == 0, saved.stderr
    out = tmp_path / "报告" / "2009.xlsx"
    done = subprocess.run(cli + ["report", "2009", "--db", db, "-o", str(out), "--site", "https://手册.example/"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"已写出 {out}" in done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~_umask()
    wb = openpyxl.load_workbook(out)
    assert wb["汇总"]["A2"].value.startswith("2009年“质量管理季”")
    link = wb["扣分明细"]["D2"]
    assert link.hyperlink.target == f"https://手册.example/schemes/cz-quality-season/#{link.value}"
    direct = tmp_path / "直接.xlsx"
    assert subprocess.run(cli + ["report", str(Y2009), "-o", str(direct)], capture_output=True).returncode == 0
    again = openpyxl.load_workbook(direct)
    assert _rows(again["扣分明细"], 1) == _rows(wb["扣分明细"], 1)
    missing = subprocess.run(cli + ["report", "2011", "--db", db, "-o", str(tmp_path / "x.xlsx")],
                             capture_output=True, text=True)
    assert missing.returncode == 1 and not (tmp_path / "x.xlsx").exists()
    assert "结果库中没有“2011”的评分" in missing.stderr


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_trend_names_are_spread_apart_when_totals_are_close() -> None:
    assert spread_labels([10, 11, 12, 50], 15, 0, 100) == [10, 25, 40, 55]
    assert spread_labels([90, 95, 99], 15, 0, 100) == [70, 85, 100]  # pushed back up from the bottom
    # 24 subjects whose totals lie within two points of each other (as in the example's two periods)
    trend = {f"部门{i:02d}": [("2009", Decimal("95") + Decimal(i) / 10), ("2010", Decimal("96") + Decimal(i % 5) / 10)]
             for i in range(24)}
    svg = trend_svg(trend)
    ys = sorted(float(y) for y in re.findall(r'<text class="label" x="[\d.]+" y="([\d.]+)"', svg))
    assert len(ys) == 24
    assert min(b - a for a, b in zip(ys, ys[1:])) >= LABEL_GAP - 0.05
    height = float(re.search(r'viewBox="0 0 600 (\d+)"', svg).group(1))
    assert ys[0] > 0 and ys[-1] <= height
