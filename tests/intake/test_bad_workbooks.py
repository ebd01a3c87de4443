"""One broken workbook per failure mode: each is refused with its located Chinese message, and nothing is
written (the `-o` file of `zhibiao score` never appears)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from intake_support import EXAMPLE, FIXTURES, ROOT, Filled, repo, template, with_cached_error

from zhibiao import api
from zhibiao.errors import ZhibiaoError


def _filled(tmp_path: Path, name: str = "填报.xlsx") -> Filled:
    path = tmp_path / name
    path.write_bytes(api.template("cz-quality-season", repository=repo(), filled=EXAMPLE))
    return Filled(path)


def _problems(path: Path) -> list[str]:
    with pytest.raises(ZhibiaoError) as err:
        api.score(path, repository=repo())
    return [str(p) for p in err.value.problems]


def test_not_a_workbook(tmp_path: Path) -> None:
    csv = tmp_path / "填报.xlsx"
    csv.write_text("部门,缺席人数\n教务处,2\n", encoding="utf-8")
    assert _problems(csv) == [f"{csv} 不是 Excel 工作簿（.xlsx）：文件内容不是 .xlsx 格式（可能是改了扩展名的其他文件，"
                              "或 CSV 文本），请在 Excel/WPS 中另存为 .xlsx"]
    zipped = tmp_path / "压缩包.xlsx"
    import zipfile
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert _problems(zipped) == [f"{zipped} 不是 Excel 工作簿（.xlsx）：这是一个压缩包，但其中没有 Excel 工作簿的内容"]


def test_password_protected(tmp_path: Path) -> None:
    path = FIXTURES / "encrypted.xlsx"
    assert _problems(path) == ["tests/intake/fixtures/encrypted.xlsx 工作簿设置了打开密码，无法读取：请在 Excel/WPS 中取消密码（文件 → 信息 → "
                               "保护工作簿 → 用密码进行加密，清空密码）并保存后再提交"]


def test_renamed_and_missing_sheets(tmp_path: Path) -> None:
    f = _filled(tmp_path)
    f.wb["A板块"].title = "A板块（教务处填）"
    del f.wb["学院临时交办的工作或任务"]
    f.save()
    names = "说明、A板块（教务处填）、B板块、任课老师学生评价、班级学生到课率检查"
    assert _problems(f.path) == [
        f"{f.path} 缺少工作表“A板块”，是否被改名为“A板块（教务处填）”了？请改回“A板块”（工作簿中现有：{names}）。"
        "请用 zhibiao template 生成的模板填写，不要改工作表的名称",
        f"{f.path} 缺少工作表“学院临时交办的工作或任务”（可能被删除或改名了）（工作簿中现有：{names}）。"
        "请用 zhibiao template 生成的模板填写，不要改工作表的名称",
    ]


def test_extra_renamed_and_headless_columns(tmp_path: Path) -> None:
    f = _filled(tmp_path)
    ws = f.wb["B板块"]
    last = ws.max_column
    ws.cell(row=2, column=last + 1, value="联系人")
    ws.cell(row=5, column=last + 3, value="见附件")       # content beyond the headers
    col = f.column("B板块", "本部门缺席人数（人）")
    ws.cell(row=2, column=col, value="缺席人数")           # a header someone shortened
    f.save()
    from openpyxl.utils import get_column_letter as L
    assert _problems(f.path) == [
        f"{f.path} › B板块 › {L(col)}2 工作表“B板块”多出一列“缺席人数”（是否是“本部门缺席人数（人）”被改动了？）："
        "模板中没有这一列，请删除它，或把内容写到“备注”列",
        f"{f.path} › B板块 › {L(last + 1)}2 工作表“B板块”多出一列“联系人”：模板中没有这一列，请删除它，或把内容写到“备注”列",
        f"{f.path} › B板块 工作表“B板块”缺少“本部门缺席人数（人）”一列（表头在第 2 行）：请不要删除或改动模板的表头",
        f"{f.path} › B板块 › {L(last + 3)}5 这个单元格有内容，但所在的 {L(last + 3)} 列没有表头（模板中没有这一列）："
        "请删除，或把内容写到“备注”列",
    ]


def test_merged_cells_and_formulas_in_the_data(tmp_path: Path) -> None:
    f = _filled(tmp_path)
    ws = f.wb["A板块"]
    ref = f.cell("A板块", "教务处", "本部门缺席人数（人）")
    f.wb["A板块"].merge_cells(f"{ref}:{ref[0]}{int(ref[1:]) + 1}")
    uncalc = f.cell("A板块", "工会", "方案缺少的要素项数（项）")
    ws[uncalc] = "=1+1"                                      # a formula no program has computed yet
    div = f.cell("B板块", "财会金融系", "本部门缺席人数（人）")
    f.save()
    with_cached_error(f.path, 3, div, "B3/0")                # sheet3 = B板块; Excel computed #DIV/0!
    assert _problems(f.path) == [
        f"{f.path} › A板块 › {ref}:{ref[0]}{int(ref[1:]) + 1} 单元格 {ref}:{ref[0]}{int(ref[1:]) + 1} 被合并了："
        "填报区域每个格子只填一个值，请取消合并单元格",
        f"{f.path} › A板块 › {uncalc} 单元格是公式“=1+1”，但没有计算结果：请在 Excel/WPS 中打开并保存后再提交，或直接填写数值",
        f"{f.path} › B板块 › {div} 单元格的公式计算出错（#DIV/0!）：请改正公式，或直接填写数值",
    ]


def test_a_million_rows_is_refused_before_its_cells_are_loaded(tmp_path: Path) -> None:
    f = _filled(tmp_path)
    f.wb["任课老师学生评价"].cell(row=1_048_576, column=1, value="x")
    f.save()
    assert _problems(f.path) == [f"{f.path} › 任课老师学生评价 工作表有 1048576 行，超过上限 100000 行：可能误把内容或"
                                 "格式填到了整列，请删除多余的行后再提交"]


def test_blank_period_and_empty_workbook(tmp_path: Path) -> None:
    path = template(tmp_path / "空白.xlsx")
    assert _problems(path) == [f"{path} › 说明 › B9 “说明”工作表中的“考核期开始日期”没有填写（日期如 2009-10-15）",
                               f"{path} › 说明 › B10 “说明”工作表中的“考核期结束日期”没有填写（日期如 2009-10-15）",
                               f"{path} › A板块 工作簿中没有填写任何考核对象：每个考核对象在所属板块的工作表中占一行（全部留空的行不计）"]


def test_nothing_is_written_when_a_workbook_is_refused(tmp_path: Path) -> None:
    f = _filled(tmp_path)
    f.put("A板块", "教务处", "本部门缺席人数（人）", "三")
    f.save()
    out = tmp_path / "结果.json"
    cli = subprocess.run([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "score", str(f.path),
                          "--format", "json", "-o", str(out)], capture_output=True, text=True)
    assert cli.returncode == 1 and not out.exists()
    assert cli.stderr.startswith(f"填报文件 {f.path} 有 1 处错误，未评分、未写出任何文件：\n")
    assert "考核对象“教务处”的事实“absent_members”（本部门缺席人数）应填数字，实际为文字“三”" in cli.stderr
    assert "Traceback" not in cli.stderr
