"""The xlsx report of a scoring run (`zhibiao report --format xlsx`): what a quality office pivots and files.

    汇总       one row per subject, ranked within its block: total, rank, award, each category's score
    类别得分   one row per subject × category: points, deducted, floor cut, score
    扣分明细   one row per deduction (long form, ready for a pivot table): subject, block, category, rule id,
               original wording, quantity, unit, amount, subtotal, what the rule's cap cut off

Numbers are written as numbers (exact Decimals, shown with the scheme's digits), text through `cell_text`
(nothing a spreadsheet would run as a formula), Chinese headers, column widths set, headers frozen. Per subject,
the 扣分明细 subtotals sum to the 类别得分 deducted, and points − deducted + floor cut = the total.
"""

from __future__ import annotations

import io
from typing import Any

from ..model.results import Result, SubjectResult
from .markup import cell_text

NUMBER = "0.0##"  # 97.8, 95.25, 10.0 — never rounded away: every stored digit shows


def _ranked(run: Result) -> list[SubjectResult]:
    """Block by block in the order the scheme lists them, best first within a block."""
    blocks = list(dict.fromkeys(s.block for s in run.subjects))
    return sorted(run.subjects, key=lambda s: (blocks.index(s.block), s.rank is None, s.rank or 0, -s.total, s.name))


def _width(text: Any) -> int:
    """Display width in Excel's character units: a Chinese character is about two."""
    s = "" if text is None else str(text)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)


def _sheet(wb: Any, title: str, headers: list[str], rows: list[list[Any]], numeric: set[int],
           preamble: tuple[str, ...] = (), whole: frozenset[int] = frozenset(), widest: int = 60) -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    for line in preamble:
        ws.append([cell_text(line)])
    top = len(preamble) + 1  # the header row
    ws.append(headers)
    for row in rows:
        ws.append([v if i in numeric else cell_text(v) for i, v in enumerate(row)])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[top]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for i, header in enumerate(headers):
        letter = get_column_letter(i + 1)
        width = max([_width(header)] + [_width(r[i]) for r in rows])
        ws.column_dimensions[letter].width = min(widest, width + 2)
        if i in numeric:
            for (cell,) in ws.iter_rows(min_row=top + 1, min_col=i + 1, max_col=i + 1):
                cell.number_format = "0" if i in whole else NUMBER
    ws.freeze_panes = f"A{top + 1}"
    if rows:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{top + len(rows)}"
    return ws


def report_xlsx(run: Result, *, site: str = "") -> bytes:
    """The workbook as bytes. `site`: the handbook's address; each deduction's rule id then links to its rule."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    subjects = _ranked(run)
    categories: list[tuple[str, str]] = []
    for s in subjects:
        for c in s.categories:
            if (c.id, c.name) not in categories:
                categories.append((c.id, c.name))

    summary = []
    for s in subjects:
        scores = {c.id: c.score for c in s.categories}
        summary.append([s.rank, s.name, s.block, s.total, s.award or "", len(s.deductions)]
                       + [scores.get(cid) for cid, _ in categories])
    headers = ["名次", "考核对象", "板块", "总分", "评比", "扣分笔数"] + [f"{name}得分" for _, name in categories]
    about = (run.scheme_title, f"{run.period}；方案 {run.scheme_id} {run.version}；评分日期 {run.as_of.isoformat()}；"
                               f"规则哈希 {run.rules_hash[:19]}")
    _sheet(wb, "汇总", headers, summary, {0, 3, 5} | set(range(6, 6 + len(categories))), preamble=about,
           whole=frozenset({0, 5}))

    rows = [[s.name, s.block, c.name, c.points, c.deducted, c.floor_cut, c.score]
            for s in subjects for c in s.categories]
    _sheet(wb, "类别得分", ["考核对象", "板块", "类别", "满分", "扣分", "保底返还", "得分"], rows, {3, 4, 5, 6})

    rows, links = [], []
    names = dict(categories)
    for s in subjects:
        for c in s.categories:
            for d in c.deductions:
                rows.append([s.name, s.block, names.get(c.id, c.id), d.rule_id, d.text, d.quantity, d.unit,
                             d.amount, d.subtotal, d.capped])
                links.append(d.link)
    ws = _sheet(wb, "扣分明细", ["考核对象", "板块", "类别", "规则", "原文", "数量", "单位", "每单位扣分", "小计",
                              "本条上限截去"], rows, {5, 7, 8, 9})
    if site:
        base = site.rstrip("/") + "/"
        for (cell,), link in zip(ws.iter_rows(min_row=2, min_col=4, max_col=4), links):
            if link:
                cell.hyperlink = base + link
                cell.style = "Hyperlink"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


REPORTS = {"xlsx": report_xlsx}
