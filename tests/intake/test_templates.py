"""What `zhibiao template` writes: the sheets, headers, comments, validations, locks and frozen panes a person
meets in Excel or WPS — read back with openpyxl; and the YAML/JSON skeleton of `zhibiao new submission`."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from intake_support import ROOT, repo, template

from zhibiao import api
from zhibiao.intake import cells
from zhibiao.intake.layout import Column


def test_template_sheets_headers_and_guide(tmp_path: Path) -> None:
    path = template(tmp_path / "模板.xlsx", college="郴州职业技术学院", period_name="2010年质量管理季",
                    start=dt.date(2010, 10, 15), end=dt.date(2011, 1, 15))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["说明", "A板块", "B板块", "任课老师学生评价", "班级学生到课率检查", "学院临时交办的工作或任务"]
    scheme = repo().scheme("cz-quality-season")
    guide = {wb["说明"].cell(row=r, column=1).value: wb["说明"].cell(row=r, column=2).value for r in range(3, 11)}
    assert guide == {"考核方案": scheme.meta.title, "方案标识": "cz-quality-season", "方案版本": scheme.version,
                     "规则哈希": scheme.content_hash, "学校": "郴州职业技术学院", "考核期名称": "2010年质量管理季",
                     "考核期开始日期": dt.datetime(2010, 10, 15), "考核期结束日期": dt.datetime(2011, 1, 15)}
    a = wb["A板块"]
    heads = [c.value for c in a[2]]
    assert heads[0] == "考核对象" and heads[-1] == "备注"
    assert heads[1:3] == ["是否开展了学习", "是否开展了讨论"] and "本部门缺席人数（人）" in heads
    assert len(heads) == 2 + len(scheme.facts_for("A"))
    assert [a.cell(row=r, column=1).value for r in range(3, 17)] == list(scheme.block("A").subjects)
    absent = a.cell(row=2, column=heads.index("本部门缺席人数（人）") + 1)
    assert absent.comment.text.startswith("学习讨论会上本部门人员缺席的人数；病、公假人员没有有效批准的假条及书面讨论建议的，计为缺席。")
    assert "填写：整数，≥ 0，单位：人" in absent.comment.text and "不填按 0 计。" in absent.comment.text
    assert a.freeze_panes == "B3"
    assert a.protection.sheet and a["A3"].protection.locked and a["B2"].protection.locked
    assert not a["B3"].protection.locked and not a["C16"].protection.locked
    rules = {(dv.type, dv.formula1, dv.formula2, str(dv.sqref)) for dv in a.data_validations.dataValidation}
    col = openpyxl.utils.get_column_letter(heads.index("本部门缺席人数（人）") + 1)
    assert ("list", '"是,否"', None, "B3:B16") in rules
    assert ("whole", "0", None, f"{col}3:{col}16") in rules
    missing = openpyxl.utils.get_column_letter(heads.index("方案缺少的要素项数（项）") + 1)
    assert ("whole", "0", "4", f"{missing}3:{missing}16") in rules
    classes = wb["班级学生到课率检查"]
    assert [c.value for c in classes[2]] == ["考核对象", "班级", "学期", "各次检查到课率（%）"]
    names = {dv.formula1 for dv in classes.data_validations.dataValidation if dv.type == "list"}
    assert names == {'"' + ",".join(scheme.block("B").subjects) + '"'}   # only B板块 reports attendance
    assert classes["C3"].number_format == "@"                            # 2009-10 stays text, not a date
    assert not classes["A200"].protection.locked
    mode = stat.S_IMODE(os.stat(path).st_mode)
    assert mode == 0o666 & ~_umask()


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def test_template_command(tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    cli = subprocess.run([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "template", "cz-quality-season@1.0.1",
                          "-o", str(out)], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    assert cli.stderr.startswith(f"已写出 {out}：")
    assert openpyxl.load_workbook(out)["说明"]["B5"].value == "1.0.1"
    bad = subprocess.run([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "template", "cz-quality-seasn",
                          "-o", str(tmp_path / "x.xlsx")], capture_output=True, text=True)
    assert bad.returncode == 1 and "找不到考核方案“cz-quality-seasn”，是否想写“cz-quality-season”？" in bad.stderr
    assert not (tmp_path / "x.xlsx").exists()


PERCENT = Column("rate", "到课率（%）", "field", "decimal", "%")
COUNT = Column("n", "缺席人数（人）", "fact", "integer", "人")


@pytest.mark.parametrize(("value", "col", "percent_format", "expected"), [
    ("２", COUNT, False, 2),                     # full-width digit from a Chinese input method
    ("１２．５", PERCENT, False, Decimal("12.5")),
    (" 3 ", COUNT, False, 3),
    ("3人", COUNT, False, 3),                    # the column's own unit typed after the number
    ("3次", COUNT, False, "3次"),                # another unit: left for the checker to refuse
    ("1,200", COUNT, False, 1200),
    ("1,2", COUNT, False, "1,2"),                # a decimal comma or a slip: ambiguous, refused by the checker
    ("55%", PERCENT, False, Decimal(55)),
    ("５５％", PERCENT, False, Decimal(55)),
    (0.55, PERCENT, True, Decimal(55)),          # Excel turned a typed 55% into 0.55 with a percent format
    (0.55, COUNT, True, "55%"),                  # a percentage where a count is asked: refused by the checker
    ("55%", COUNT, False, "55%"),
    (3.0, COUNT, False, 3),
    (0.1, PERCENT, False, Decimal("0.1")),
    ("三", COUNT, False, "三"),
    ("  ", COUNT, False, None),
])
def test_numbers_read_as_meant(value, col, percent_format, expected) -> None:
    got = cells.read(value, col, percent_format)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(("value", "expected"), [
    ("是", True), ("否 ", False), ("　是", True), (True, True), ("TRUE", True), ("√", True), ("×", False),
    ("有", "有"), ("不清楚", "不清楚"), (1, 1),
])
def test_yes_no_read_as_meant(value, expected) -> None:
    got = cells.read(value, Column("b", "是否", "fact", "boolean"))
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(("value", "expected"), [
    (dt.datetime(2009, 10, 15), "2009-10-15"), ("2009年10月15日", "2009-10-15"), ("2009/10/5", "2009-10-05"),
    ("2009.2.30", "2009.2.30"), ("下周一", "下周一"),
])
def test_dates_read_as_meant(value, expected) -> None:
    assert cells.read(value, Column("d", "日期", "fact", "date")) == expected


def test_lists_read_as_meant() -> None:
    col = Column("rates", "各次检查到课率（%）", "field", "decimal-list", "%")
    assert cells.read("92, 48，45、40 ", col) == [92, 48, 45, 40]
    assert cells.read("55%；60%", col) == [55, 60]
    assert cells.read("92, 四十", col) == [92, "四十"]


def test_new_submission_skeletons_validate_as_written(tmp_path: Path) -> None:
    yaml_path = tmp_path / "2010填报.yaml"
    cli = subprocess.run([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "new", "submission",
                          "cz-quality-season", "-o", str(yaml_path)], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    text = yaml_path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={os.path.relpath(ROOT / 'schemas', tmp_path)}/submission.schema.json\n")
    assert "      # 本部门缺席人数（整数，单位 人，≥ 0；不填按 0 计）：学习讨论会上本部门人员缺席的人数" in text
    assert "      # 方案缺少的要素项数（整数，单位 项，≥ 0，≤ 4；必填）：" in text
    assert text.count("  - name: ") == 24
    assert api.validate([yaml_path], repository=repo()) == []
    json_path = tmp_path / "2010填报.json"
    cli = subprocess.run([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "new", "submission",
                          "cz-quality-season", "-o", str(json_path)], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["scheme"] == "cz-quality-season" and len(data["subjects"]) == 24
    result = api.score(json_path, repository=repo())
    assert {s.total for s in result.subjects} == {Decimal(100)}   # defaults and examples deduct nothing
