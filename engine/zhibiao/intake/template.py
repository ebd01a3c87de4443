"""The fill-in workbook of a scheme (`zhibiao template`): what staff open in Excel or WPS.

Built from the layout (layout.py) that the reader also uses. Headers carry the 填报口径 as cell comments and
an input prompt; each column validates what it takes (是/否 drop-downs, whole or decimal numbers within the
fact's range, percentages 0–100, dates, enumerations); headers and listed names are locked (the sheet is
protected without a password: it prevents slips, not determined edits — the reader checks headers anyway);
panes are frozen so headers and names stay in view.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from ..model.scheme import Scheme
from ..numbers import fmt
from ..render.markup import cell_text
from .layout import (CHOICES, FIRST_ROW, GUIDE, GUIDE_FIELDS, HEADER_ROW, OPEN_ROWS, PREVIOUS, TITLE_ROW, Column,
                     Layout, Sheet, build_layout)

_EXCEL_EPOCH = dt.date(1899, 12, 30)
GUIDE_TEXT = (
    "如何填写",
    "1. 每个板块一张工作表，每个考核对象一行，每项事实一列；记录清单（每条记录一行）各占一张工作表。",
    "2. 灰色格子是模板的内容（表头、方案规定的考核对象名称），已锁定；白色格子填写。",
    "3. 把鼠标停在表头上可看到这一项的填报口径（怎么数、怎么填、不填按什么计）。",
    "4. 是/否 从下拉列表选择；数字直接填写（全角数字也可以）；单位为 % 的一栏可填 55 或 55%；日期如 2009-10-15。",
    "5. 不要改工作表名称、不要增删列、不要合并单元格；不参加本次填报的考核对象整行留空。",
    "   表头为“上期……”的一栏填上一考核期的值（与上期比较用）；不填时，评分可从结果库读取上一期保存的评分"
    "（zhibiao score 填报.xlsx --previous-from 结果库）。",
    "6. 各部门可以只填自己的一行，分别保存；评分时把各部门的工作簿一起给出即可合并：zhibiao score 甲.xlsx 乙.xlsx",
    "7. 填好后先检查：zhibiao validate 填报.xlsx（错误会写明 工作表 › 单元格 和应填什么），再评分：zhibiao score 填报.xlsx",
)


def template_bytes(scheme: Scheme, *, college: str = "", period_name: str = "", start: dt.date | None = None,
                   end: dt.date | None = None, rows: int = OPEN_ROWS, filled: dict[str, Any] | None = None) -> bytes:
    """The template workbook of `scheme` as .xlsx bytes (period and college pre-filled when given).

    `filled`: a submission's data (as loaded from YAML or JSON) written into the cells as a person would type
    it (是/否, plain numbers, lists as “92, 48”) — last period's values to update, or an existing YAML
    submission moved to Excel."""
    from openpyxl import Workbook  # imported where workbooks are made (see workbook.py)

    layout = build_layout(scheme)
    wb = Workbook()
    if filled:
        period = filled.get("period") or {}
        college = college or str(filled.get("college") or "")
        period_name = period_name or str(period.get("name") or "")
        start = start or _date(period.get("start"))
        end = end or _date(period.get("end"))
    writer = _Writer(wb, layout, rows)
    writer.guide(scheme, college, period_name, start, end)
    for sheet in layout.sheets:
        writer.data_sheet(sheet)
    if filled:
        _fill(wb, layout, filled.get("subjects") or [])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


class _Writer:
    def __init__(self, wb: Any, layout: Layout, rows: int) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill, Protection

        self.wb, self.layout, self.rows = wb, layout, rows
        self.Protection = Protection
        self.head_font = Font(bold=True)
        self.title_font = Font(bold=True, size=13)
        self.locked_fill = PatternFill("solid", fgColor="E7E9EE")
        self.head_fill = PatternFill("solid", fgColor="D5DAE6")
        self.wrap = Alignment(wrap_text=True, vertical="center")
        self.choices_ws = None
        self.choice_cols = 0

    # ------------------------------------------------------------------ 说明
    def guide(self, scheme: Scheme, college: str, period_name: str, start: dt.date | None,
              end: dt.date | None) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        ws = self.wb.active
        ws.title = GUIDE
        ws.column_dimensions["A"].width = 18
        ws.column_dimensions["B"].width = 72
        ws.cell(row=1, column=1, value=cell_text(f"填报模板：{scheme.meta.title}")).font = self.title_font
        values = {"title": scheme.meta.title, "scheme": scheme.id, "version": scheme.version,
                  "rules_hash": scheme.content_hash, "college": college, "period_name": period_name,
                  "start": start, "end": end}
        dates = DataValidation(type="date", operator="greaterThanOrEqual", formula1=str(_serial(dt.date(1990, 1, 1))),
                               allow_blank=True, showErrorMessage=True, errorTitle="日期",
                               error="请填写日期，如 2009-10-15")
        ws.add_data_validation(dates)
        for i, (key, label, filled_in) in enumerate(GUIDE_FIELDS, start=3):
            a = ws.cell(row=i, column=1, value=label)
            a.font, a.fill = self.head_font, self.locked_fill
            value = values[key]
            b = ws.cell(row=i, column=2, value=cell_text(value) if isinstance(value, str) else value)
            if filled_in:
                b.protection = self.Protection(locked=False)
                if key in ("start", "end"):
                    b.number_format = "yyyy-mm-dd"
                    dates.add(b.coordinate)
                else:
                    b.number_format = "@"
            else:
                b.fill = self.locked_fill
        row = 3 + len(GUIDE_FIELDS) + 1
        for j, line in enumerate(GUIDE_TEXT):
            c = ws.cell(row=row + j, column=1 if j == 0 else 2, value=line)
            if j == 0:
                c.font = self.head_font
            else:
                c.alignment = self.wrap
        row += len(GUIDE_TEXT) + 1
        ws.cell(row=row, column=1, value="工作表").font = self.head_font
        ws.cell(row=row, column=2, value="内容").font = self.head_font
        for k, sheet in enumerate(self.layout.sheets, start=1):
            ws.cell(row=row + k, column=1, value=cell_text(sheet.name))
            ws.cell(row=row + k, column=2, value=cell_text(sheet.title)).alignment = self.wrap
        ws.protection.sheet = True
        ws.protection.formatColumns = ws.protection.formatRows = ws.protection.formatCells = False

    # ------------------------------------------------------------------ block and record sheets
    def data_sheet(self, sheet: Sheet) -> None:
        from openpyxl.comments import Comment
        from openpyxl.utils import get_column_letter

        ws = self.wb.create_sheet(sheet.name)
        n = len(sheet.subjects) if sheet.kind == "block" and not sheet.open else self.rows
        last = FIRST_ROW + n - 1
        title = ws.cell(row=TITLE_ROW, column=1, value=cell_text(sheet.title))
        title.font, title.alignment = self.head_font, self.wrap
        ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=max(1, len(sheet.columns)))
        ws.row_dimensions[TITLE_ROW].height = 36
        ws.row_dimensions[HEADER_ROW].height = 48
        for j, col in enumerate(sheet.columns, start=1):
            letter = get_column_letter(j)
            ws.column_dimensions[letter].width = col.width
            head = ws.cell(row=HEADER_ROW, column=j, value=cell_text(col.header))
            head.font, head.fill, head.alignment = self.head_font, self.head_fill, self.wrap
            if col.comment:
                note = Comment(col.comment, "zhibiao")
                note.width, note.height = 320, 160
                head.comment = note
            listed = col.kind == "subject" and sheet.kind == "block" and not sheet.open
            for i in range(n):
                cell = ws.cell(row=FIRST_ROW + i, column=j)
                if listed:
                    cell.value = cell_text(sheet.subjects[i])
                    cell.fill = self.locked_fill
                else:
                    cell.protection = self.Protection(locked=False)
                cell.number_format = _number_format(col)
            if not listed and n:
                self._validate(ws, col, f"{letter}{FIRST_ROW}:{letter}{last}")
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=2)
        ws.protection.sheet = True
        ws.protection.formatColumns = ws.protection.formatRows = ws.protection.formatCells = False
        if sheet.open or sheet.kind == "record":
            ws.protection.insertRows = ws.protection.deleteRows = False

    def _validate(self, ws: Any, col: Column, cells: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        kw: dict[str, Any] = {"allow_blank": True, "showErrorMessage": True, "showInputMessage": True,
                              "promptTitle": col.header[:32], "prompt": col.comment[:250], "errorTitle": col.header[:32]}
        if col.type == "boolean":
            dv = DataValidation(type="list", formula1='"是,否"', error="请从下拉列表选择“是”或“否”", **kw)
        elif col.type in ("integer", "decimal"):
            lo = col.minimum if col.minimum is not None else (Decimal(0) if col.percent else None)
            hi = col.maximum if col.maximum is not None else (Decimal(100) if col.percent else None)
            what = "整数" if col.type == "integer" else "数字"
            rng = (f"，不小于 {fmt(lo)}" if lo is not None else "") + (f"，不大于 {fmt(hi)}" if hi is not None else "")
            kind = "whole" if col.type == "integer" else "decimal"
            if lo is not None and hi is not None:
                dv = DataValidation(type=kind, operator="between", formula1=fmt(lo), formula2=fmt(hi),
                                    error=f"请填写{what}{rng}", **kw)
            elif lo is not None:
                dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=fmt(lo),
                                    error=f"请填写{what}{rng}", **kw)
            elif hi is not None:
                dv = DataValidation(type=kind, operator="lessThanOrEqual", formula1=fmt(hi),
                                    error=f"请填写{what}{rng}", **kw)
            else:
                dv = DataValidation(type=kind, operator="between", formula1="-999999999999", formula2="999999999999",
                                    error=f"请填写{what}", **kw)
        elif col.type == "date":
            dv = DataValidation(type="date", operator="greaterThanOrEqual", formula1=str(_serial(dt.date(1990, 1, 1))),
                                error="请填写日期，如 2009-10-15", **kw)
        elif col.choices:
            dv = DataValidation(type="list", formula1=self._choices(col.choices),
                                error="请从下拉列表中选择", **kw)
        else:
            kw["showErrorMessage"] = False
            dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="10000", **kw)
        ws.add_data_validation(dv)
        dv.add(cells)

    def _choices(self, values: tuple[str, ...]) -> str:
        """An inline list when it fits (≤ 255 characters, no commas), else a range on the hidden 选项 sheet."""
        inline = ",".join(values)
        if len(inline) <= 250 and not any("," in v or '"' in v for v in values):
            return f'"{inline}"'
        from openpyxl.utils import get_column_letter

        if self.choices_ws is None:
            self.choices_ws = self.wb.create_sheet(CHOICES)
            self.choices_ws.sheet_state = "hidden"
            self.choices_ws.protection.sheet = True
        self.choice_cols += 1
        letter = get_column_letter(self.choice_cols)
        for i, v in enumerate(values, start=1):
            self.choices_ws.cell(row=i, column=self.choice_cols, value=cell_text(v))
        return f"'{CHOICES}'!${letter}$1:${letter}${len(values)}"


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def typed(value: Any) -> Any:
    """A submission value as a person types it into a cell."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(typed(v)) for v in value)
    if isinstance(value, str):
        return cell_text(value)
    return value


def _fill(wb: Any, layout: Layout, subjects: list[dict[str, Any]]) -> None:
    """Write subjects (rows of their block's sheet) and their records (rows of each record sheet)."""
    next_row: dict[str, int] = {}
    for s in subjects:
        sheet = next((x for x in layout.sheets if x.kind == "block" and x.key == s.get("block")), None)
        if sheet is None:
            continue
        ws = wb[sheet.name]
        if s.get("name") in sheet.subjects and not sheet.open:
            row = FIRST_ROW + sheet.subjects.index(s["name"])
        else:
            row = next_row.get(sheet.name, FIRST_ROW)
            next_row[sheet.name] = row + 1
        given = {"name": s.get("name"), "id": s.get("id"), "note": s.get("note"),
                 **(s.get("attributes") or {}), **(s.get("facts") or {}),
                 **{PREVIOUS + k: v for k, v in (s.get("previous") or {}).items()}}
        for j, col in enumerate(sheet.columns, start=1):
            if given.get(col.key) is not None:
                ws.cell(row=row, column=j, value=typed(given[col.key]))
        for rid, records in (s.get("records") or {}).items():
            rsheet = next((x for x in layout.sheets if x.kind == "record" and x.key == rid), None)
            if rsheet is None:
                continue
            rws = wb[rsheet.name]
            for rec in records:
                row = next_row.get(rsheet.name, FIRST_ROW)
                next_row[rsheet.name] = row + 1
                values = {"name": s.get("name"), "id": s.get("id"), **rec}
                for j, col in enumerate(rsheet.columns, start=1):
                    if values.get(col.key) is not None:
                        rws.cell(row=row, column=j, value=typed(values[col.key]))


def _number_format(col: Column) -> str:
    if col.type == "integer":
        return "0"
    if col.type == "date":
        return "yyyy-mm-dd"
    if col.type == "decimal":
        return "General"
    return "@"  # text: what is typed stays text (a semester “2009-10” must not become a date)


def _serial(d: dt.date) -> int:
    return (d - _EXCEL_EPOCH).days
