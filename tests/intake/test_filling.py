"""A generated template filled in with openpyxl the way a staff member fills it — 是/否 typed as words, a number
with a letter O for a zero, a required cell left blank, full-width digits, a percent sign — then checked and
scored: the located errors first, exact scores after the corrections."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from intake_support import EXAMPLE, ROOT, Filled, repo, template

from zhibiao import api
from zhibiao.errors import SubmissionError

A, B = "A板块", "B板块"
TASKS, TEACHERS, CLASSES = "学院临时交办的工作或任务", "任课老师学生评价", "班级学生到课率检查"


def _first_fill(path: Path) -> tuple[Filled, dict[str, str]]:
    """Three departments as their staff would type them (with three mistakes); returns the mistaken cells."""
    f = Filled(template(path, college="郴州职业技术学院", period_name="2009年质量管理季"))
    ws = f.wb["说明"]
    dates = {ws.cell(row=r, column=1).value: r for r in range(1, 20)}
    ws.cell(row=dates["考核期开始日期"], column=2, value="2009年10月15日")     # typed as Chinese text
    ws.cell(row=dates["考核期结束日期"], column=2, value="2010/1/15")
    # 教务处: full-width ２, 否 with a trailing space, and 方案缺少的要素项数 left blank (a required fact)
    f.put(A, "教务处", "是否开展了学习", "是")
    f.put(A, "教务处", "是否开展了讨论", "是")
    f.put(A, "教务处", "本部门缺席人数（人）", "２")
    f.put(A, "教务处", "学习讨论记录不完整", "否 ")
    f.put(A, "教务处", "内容和标准不具体的实施条目数（条目）", 3)
    f.put(A, "教务处", "活动总结缺少的内容项数（项）", 0)
    blank = f.cell(A, "教务处", "方案缺少的要素项数（项）")
    # 工会: 否 for the discussion; a letter O typed for the zero of 10
    f.put(A, "工会", "是否开展了学习", "是")
    f.put(A, "工会", "是否开展了讨论", "否")
    typo = f.put(A, "工会", "本部门缺席人数（人）", "1O")
    f.put(A, "工会", "方案缺少的要素项数（项）", 0)
    f.put(A, "工会", "活动总结缺少的内容项数（项）", 2)
    # 计算机与信息管理系: “有” where 是/否 is asked
    f.put(B, "计算机与信息管理系", "是否开展了学习", "是")
    word = f.put(B, "计算机与信息管理系", "是否开展了讨论", "有")
    f.put(B, "计算机与信息管理系", "方案缺少的要素项数（项）", "0")
    f.put(B, "计算机与信息管理系", "活动总结缺少的内容项数（项）", 1)
    f.put(B, "计算机与信息管理系", "上课没有纸质教案的人次（人次）", "3人次")
    f.add_record(TASKS, {"考核对象": "教务处", "任务名称": "迎评促建材料整理", "是否落实或完成": "是", "延误天数（天）": 3})
    f.add_record(TEACHERS, {"考核对象": "教务处", "老师姓名": "张老师", "学期": "2009-2010-1", "学生评价满意度（分）": 58.5})
    f.add_record(CLASSES, {"考核对象": "计算机与信息管理系", "班级": "计应0901", "学期": "2009-2010-1",
                           "各次检查到课率（%）": "92, 48, 45, 40, 88"})
    f.add_record(CLASSES, {"考核对象": "计算机与信息管理系", "班级": "计应0902", "学期": "2009-2010-1",
                           "各次检查到课率（%）": "55%、60%"})
    f.save()
    return f, {"blank": blank, "typo": typo, "word": word}


def test_staff_fill_is_checked_at_its_cells_then_scored_exactly(tmp_path: Path) -> None:
    path = tmp_path / "填报.xlsx"
    f, cells = _first_fill(path)
    with pytest.raises(SubmissionError) as err:
        api.score(path, repository=repo())
    shown = str(path)
    assert [str(p) for p in err.value.problems] == [
        f"{shown} › A板块 › {cells['typo']} 考核对象“工会”的事实“absent_members”（本部门缺席人数）应填数字，实际为文字“1O”",
        f"{shown} › A板块 › {cells['blank']} 考核对象“教务处”缺少必须填报的事实“plan_missing_elements”（方案缺少的要素项数）："
        "方案在“实施的举措、标准、效果、奖惩”四项中缺少的项数（0～4）。每个部门必须填报。",
        f"{shown} › B板块 › {cells['word']} 考核对象“计算机与信息管理系”的事实“discussion_held”（是否开展了讨论）"
        "应填 是 或 否（也可写 true 或 false），实际为文字“有”",
    ]
    # validate says the same, with the exit code a script can test
    cli = subprocess.run([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "validate", str(path)],
                         capture_output=True, text=True)
    assert cli.returncode == 1
    assert f"{shown} › A板块 › {cells['typo']} 考核对象“工会”的事实“absent_members”" in cli.stderr
    assert "校验未通过：1 个文件，3 个错误" in cli.stderr

    f.put(A, "工会", "本部门缺席人数（人）", 0)
    f.put(A, "教务处", "方案缺少的要素项数（项）", 1)
    f.put(B, "计算机与信息管理系", "是否开展了讨论", "是")
    f.save()
    result = api.score(path, repository=repo())
    assert result.period == "2009年质量管理季" and result.as_of.isoformat() == "2010-01-15"
    totals = {s.name: s.total for s in result.subjects}
    # 教务处: 10 − 2×0.5 | 20 − 1 − 3×0.1 | 70 − 0.5 (3 天延误) − 1 (满意度 58.5) = 9 + 18.7 + 68.5
    # 工会:   10 − 7 (学习了没讨论) | 20 | 70 − 2 (总结缺 2 项)
    # 计算机系: 10 | 20 | 70 − 1 (总结) − 1 (到课率 48、45、40 连续 3 次低于 50%) − 3×0.5 (纸质教案)
    assert totals == {"教务处": Decimal("96.2"), "工会": Decimal("91"), "计算机与信息管理系": Decimal("96.5")}
    jw = result.subject("教务处")
    assert [(d.rule_id, d.quantity, d.subtotal) for d in jw.deductions] == [
        ("study-2", 2, Decimal("1.0")), ("plan-1", 3, Decimal("0.3")), ("plan-2", 1, 1),
        ("a-exec-6", 1, 1), ("a-exec-11a", 1, Decimal("0.5"))]
    cs = result.subject("计算机与信息管理系")
    attendance = next(d for d in cs.deductions if d.rule_id == "b-exec-7")
    assert [e["row"]["class"] for e in attendance.evidence] == ["计应0901"]
    assert cs.input.records["class_attendance"][1]["rates"] == [Decimal(55), Decimal(60)]   # “55%、60%”
    assert {s.name: s.rank for s in result.subjects} == {"工会": 2, "教务处": 1, "计算机与信息管理系": 1}


def test_the_example_moved_to_excel_scores_exactly_as_its_yaml(tmp_path: Path) -> None:
    path = tmp_path / "2009.xlsx"
    path.write_bytes(api.template("cz-quality-season", repository=repo(), filled=EXAMPLE))
    from_xlsx = json.loads(api.render(api.score(path, repository=repo()), "json"))
    from_yaml = json.loads(api.render(api.score(EXAMPLE, repository=repo()), "json"))
    assert from_xlsx.pop("source") == str(path)
    from_yaml.pop("source")
    assert from_xlsx == from_yaml
    assert len(from_xlsx["subjects"]) == 24


def test_one_workbook_per_department_merges_into_one_submission(tmp_path: Path) -> None:
    whole = tmp_path / "全院.xlsx"
    whole.write_bytes(api.template("cz-quality-season", repository=repo(), filled=EXAMPLE))
    # each department keeps only its own row (and records) of the full workbook
    parts = []
    for dept in ("教务处", "工会", "财会金融系"):
        f = Filled(whole)
        for sheet in (A, B):
            ws = f.wb[sheet]
            for r in range(3, ws.max_row + 1):
                if ws.cell(row=r, column=1).value != dept:
                    for c in range(2, ws.max_column + 1):
                        ws.cell(row=r, column=c).value = None
        for sheet in (TASKS, TEACHERS, CLASSES):
            ws = f.wb[sheet]
            for r in range(3, ws.max_row + 1):
                if ws.cell(row=r, column=1).value not in (dept, None):
                    for c in range(1, ws.max_column + 1):
                        ws.cell(row=r, column=c).value = None
        parts.append(f.save(tmp_path / f"{dept}.xlsx"))
    merged = api.score(parts, repository=repo())
    alone = api.score(whole, repository=repo())
    assert [(s.name, s.total) for s in merged.subjects] == [(n, alone.subject(n).total) for n in ("教务处", "工会", "财会金融系")]
    assert merged.subject("教务处").deductions == alone.subject("教务处").deductions
    # the same department in two workbooks is reported in the second, pointing at the first
    with pytest.raises(SubmissionError) as err:
        api.score([parts[0], parts[0]], repository=repo())
    p = parts[0]
    assert f"{p} › A板块 › A7 考核对象“教务处”重复出现（{p} › A板块 › A7 已填报）" in [str(x) for x in err.value.problems]
