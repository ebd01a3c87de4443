"""Templates of the general-language example schemes, filled in with openpyxl as staff fill them: names typed
into the empty rows of open lists, attributes (学科类别, 所属系部, 职称) and grades chosen from their drop-downs,
last year's values in the 上期 columns, percentages typed with “%”, records one per row. Each filled workbook
must score exactly as the YAML example submission does; a bad grade and a blank required cell are refused at
their cells."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from intake_support import ROOT, repo

from zhibiao import api
from zhibiao.errors import SubmissionError
from zhibiao.load import load_file
from zhibiao.render.scores import render_json

EXAMPLES = {"demo-school-teaching": ROOT / "examples" / "demo-school-teaching-2024.yaml",
            "demo-teacher-annual": ROOT / "examples" / "demo-teacher-annual-2024.yaml"}


def typed(value: Any, header: str) -> Any:
    """What a person types: 是/否 for yes and no, “96.3%” in a percentage column, plain numbers otherwise."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        if header.endswith("（%）"):
            return f"{value}%"
        return int(value) if value == int(value) else float(value)
    return value


class Staff:
    """Fills a fresh template of `scheme` from the example's subjects, cell by cell, by the headers people see."""

    def __init__(self, path: Path, scheme: str) -> None:
        path.write_bytes(api.template(scheme, repository=repo()))
        self.path = path
        self.wb = openpyxl.load_workbook(path)
        self.layout = api.scheme(scheme, repository=repo())

    def headers(self, sheet: str) -> dict[str, int]:
        return {c.value: c.column for c in self.wb[sheet][2] if c.value}

    def next_row(self, sheet: str) -> int:
        ws = self.wb[sheet]
        r = 3
        while any(ws.cell(row=r, column=c).value not in (None, "") for c in range(1, ws.max_column + 1)):
            r += 1
        return r

    def type_row(self, sheet: str, values: dict[str, Any]) -> int:
        cols = self.headers(sheet)
        r = self.next_row(sheet)
        for header, value in values.items():
            assert header in cols, f"{sheet} 没有表头 {header}：{list(cols)}"
            self.wb[sheet].cell(row=r, column=cols[header], value=typed(value, header))
        return r

    def fill(self, example: dict) -> None:
        scheme = self.layout
        guide = self.wb["说明"]
        for row in guide.iter_rows(min_row=3, max_row=12):
            label = row[0].value
            if label == "学校":
                row[1].value = example["college"]
            elif label == "考核期名称":
                row[1].value = example["period"]["name"]
            elif label in ("考核期开始日期", "考核期结束日期"):
                row[1].value = example["period"]["start" if label.endswith("开始日期") else "end"]
        for s in example["subjects"]:
            block = scheme.block(s["block"])
            values: dict[str, Any] = {"考核对象": s["name"]}
            if s.get("id"):
                values["编号"] = s["id"]
            for key, value in (s.get("attributes") or {}).items():
                values[block.attribute(key).name] = value
            for key, value in (s.get("facts") or {}).items():
                f = scheme.fact(key)
                values[_header(f.name, f.unit)] = value
            for key, value in (s.get("previous") or {}).items():
                f = scheme.fact(key)
                values["上期" + _header(f.name, f.unit)] = value
            self.type_row(block.name, values)
            for rid, rows in (s.get("records") or {}).items():
                rec = scheme.record(rid)
                for row in rows:
                    fields = {_header(rec.field(k).name, rec.field(k).unit): v for k, v in row.items()}
                    self.type_row(rec.name, {"考核对象": s["name"], **({"编号": s["id"]} if s.get("id") else {}),
                                             **fields})

    def save(self) -> Path:
        self.wb.save(self.path)
        return self.path


def _header(name: str, unit: str) -> str:
    return name if not unit or f"（{unit}）" in name else f"{name}（{unit}）"


def _plain(result: api.Result) -> dict:
    data = json.loads(render_json(result))
    data.pop("source")
    return data


@pytest.mark.parametrize("scheme", sorted(EXAMPLES))
def test_filled_template_scores_exactly_as_the_yaml_example(tmp_path: Path, scheme: str) -> None:
    staff = Staff(tmp_path / f"{scheme}.xlsx", scheme)
    staff.fill(load_file(EXAMPLES[scheme]).data)
    book = staff.save()
    from_excel = api.score(book, repository=repo())
    from_yaml = api.score(EXAMPLES[scheme], repository=repo())
    assert _plain(from_excel) == _plain(from_yaml)
    totals = {s.name: str(s.total) for s in from_excel.subjects}
    if scheme == "demo-school-teaching":   # tests/lang/hand-results.md
        assert totals == {"机电工程学院": "92.00", "信息工程学院": "81.50", "建筑工程学院": "61.00", "汽车工程学院": "0",
                          "经济管理学院": "92.50", "人文艺术学院": "90.00", "旅游管理学院": "51.00"}
    else:
        assert (totals["李红"], totals["机电工程系"], totals["信息工程系"], totals["经济管理系"]) == \
            ("91.2", "82.67", "54.54", "92.45")
        assert [s.total for s in from_excel.subjects if s.block == "C"] == [Decimal("69.59")]


def test_template_offers_what_general_language_facts_take(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(api.template("demo-school-teaching", repository=repo()))
    wb = openpyxl.load_workbook(path)
    ws = wb["二级学院"]
    heads = [c.value for c in ws[2]]
    assert heads == ["考核对象", "编号", "学科类别", "擅自调课停课次数（次）", "未按期整改的检查问题项数（项）",
                     "学生评教平均分（分）", "毕业生年终就业率（%）", "专业建设评定等级", "发生重大安全责任事故",
                     "经核实的学生投诉件数（件次）", "上期毕业生年终就业率（%）", "备注"]
    # an open list: empty rows to type names into, none locked
    assert ws["A3"].value is None and not ws["A3"].protection.locked and ws.max_row >= 3 + 199
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert rules["C3:C202"].formula1 == '"理工类,文经类"'                  # attribute: drop-down of its values
    assert rules["H3:H202"].formula1 == '"优,良,中,差"'                    # grade: drop-down of the scale's grades
    assert (rules["G3:G202"].type, rules["G3:G202"].formula1, rules["G3:G202"].formula2) == ("decimal", "0", "100")
    assert (rules["K3:K202"].type, rules["K3:K202"].formula1, rules["K3:K202"].formula2) == ("decimal", "0", "100")
    assert "从下拉列表选择：优、良、中、差" in ws["H2"].comment.text
    assert ws["K2"].comment.text == (
        "上一考核期的“毕业生年终就业率（%）”，规则 q-employment-change 与本期比较。\n填写：小数，≥ 0，≤ 100，单位：%\n"
        "不填时，评分可从结果库读取上一期保存的评分（zhibiao score --previous-from 结果库，或 --save）；都没有时报错。")
    levels = {str(dv.sqref): dv.formula1 for dv in wb["教学事故"].data_validations.dataValidation}
    assert '"一级,二级,三级"' in levels.values()                           # record levels: a drop-down
    teacher = openpyxl.load_workbook(_teacher(tmp_path))["专任教师"]
    assert [c.value for c in teacher[2]][:5] == ["考核对象", "编号", "所属系部", "职称", "课堂教学质量评定等级"]


def _teacher(tmp_path: Path) -> Path:
    path = tmp_path / "teacher.xlsx"
    path.write_bytes(api.template("demo-teacher-annual", repository=repo()))
    return path


def test_bad_grade_and_blank_required_cell_are_refused_at_their_cells(tmp_path: Path) -> None:
    staff = Staff(tmp_path / "填报.xlsx", "demo-school-teaching")
    staff.fill(load_file(EXAMPLES["demo-school-teaching"]).data)
    ws = staff.wb["二级学院"]
    assert ws["A4"].value == "信息工程学院"
    ws["H4"] = "良好"       # not a grade of the scale (typed over the drop-down, as WPS lets one do)
    ws["F5"] = None         # 建筑工程学院's 学生评教平均分 left blank: it has no default
    book = staff.save()
    with pytest.raises(SubmissionError) as caught:
        api.score(book, repository=repo())
    assert [str(p) for p in caught.value.problems] == [
        f"{book} › 二级学院 › H4 考核对象“信息工程学院”的事实“program_grade”（专业建设评定等级）应为 优、良、中、差 之一，实际为“良好”",
        f"{book} › 二级学院 › F5 考核对象“建筑工程学院”缺少必须填报的事实“student_rating”（学生评教平均分）："
        "本二级学院全部课程学生评教得分的平均分（百分制，由教务处评教系统导出，不作舍入）。每个二级学院必须填报。"]


def test_previous_column_left_blank_reads_the_results_database(tmp_path: Path) -> None:
    """The 上期 column may stay empty when last period was saved: the database gives the value."""
    example = load_file(EXAMPLES["demo-school-teaching"]).data
    staff = Staff(tmp_path / "2024.xlsx", "demo-school-teaching")
    staff.fill(example)
    ws = staff.wb["二级学院"]
    assert ws["K9"].value == "94.6%" and ws["A9"].value == "旅游管理学院"
    ws["K9"] = None
    book = staff.save()
    with pytest.raises(SubmissionError) as caught:
        api.score(book, repository=repo())
    assert [str(p) for p in caught.value.problems] == [
        f"{book} › 二级学院 › A9 考核对象“旅游管理学院”缺少上期的“employment_rate”（毕业生年终就业率（%））："
        "规则“q-employment-change”要与上期比较，请在 previous 中填报"]
    store = api.open_store(f"sqlite:///{tmp_path / 'r.sqlite3'}", repository=repo())
    last = {**example, "period": {"name": "2023年度", "start": "2023-01-01", "end": "2023-12-31"},
            "subjects": [{**s, "facts": {**s["facts"], "employment_rate": s["previous"]["employment_rate"]}}
                         for s in example["subjects"]]}
    api.save(api.score(last, as_of=dt.date(2024, 9, 1), repository=repo()), by="质量办", store=store, repository=repo())
    result = api.score(book, repository=repo(), previous_from=store)
    assert result.subject("旅游管理学院").total == Decimal("51.00")
    expected = api.score(EXAMPLES["demo-school-teaching"], repository=repo())
    assert [(s.name, s.total, s.rank, s.award) for s in result.subjects] == \
        [(s.name, s.total, s.rank, s.award) for s in expected.subjects]
    [d] = [d for d in result.subject("旅游管理学院").deductions if d.rule_id == "q-employment-change"]
    assert d.detail == "本期 88，上期 94.6（结果库第 1 次评分，2023年度），降低 6.6，计 6 步"


@pytest.mark.parametrize("scheme", sorted(EXAMPLES))
def test_submission_skeleton_of_general_schemes_validates_and_scores(tmp_path: Path, scheme: str) -> None:
    """`zhibiao new submission`: attributes, last period's values and a group named as its members name it."""
    for fmt_, name in (("yaml", "填报.yaml"), ("json", "填报.json")):
        path = tmp_path / name
        path.write_text(api.submission_skeleton(scheme, fmt_, repository=repo()), encoding="utf-8")
        assert api.errors_only(api.validate([path], repository=repo())) == []
        result = api.score(path, repository=repo())
        assert len(result.subjects) == (1 if scheme == "demo-school-teaching" else 3)
    text = api.submission_skeleton(scheme, repository=repo())
    if scheme == "demo-school-teaching":
        assert "    attributes:\n      # 学科类别（属性，可填：理工类、文经类）：" in text
        assert "    previous:\n      # 上期的毕业生年终就业率（%）（与上期比较）：上一考核期的值。" in text
    else:
        assert "  - name: 机电工程系\n    id: （编号）   # 编号：同名的考核对象必须填写\n    block: D" in text


def test_percent_cells_and_full_width_digits_in_the_previous_column(tmp_path: Path) -> None:
    """Excel's own percentages (0.963 shown as 96.3%) and full-width digits typed by an input method read as meant."""
    staff = Staff(tmp_path / "填报.xlsx", "demo-school-teaching")
    staff.fill(load_file(EXAMPLES["demo-school-teaching"]).data)
    ws = staff.wb["二级学院"]
    assert (ws["A3"].value, ws["G3"].value, ws["K3"].value) == ("机电工程学院", "96.3%", "94.1%")
    ws["G3"] = 0.963
    ws["G3"].number_format = "0.0%"
    ws["K3"] = "９４．１"
    result = api.score(staff.save(), repository=repo())
    s = result.subject("机电工程学院")
    assert (s.input.facts["employment_rate"], s.input.previous, s.total) == \
        (Decimal("96.3"), {"employment_rate": Decimal("94.1")}, Decimal("92.00"))
