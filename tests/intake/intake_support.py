"""Helpers for the workbook tests: a template of the repository's scheme, filled as staff fill it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from zhibiao import api

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cz-quality-season-2009.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def repo() -> api.Repository:
    return api.open_repository(ROOT)


def template(path: Path, **kw: Any) -> Path:
    path.write_bytes(api.template("cz-quality-season", repository=repo(), **kw))
    return path


class Filled:
    """An opened template; `put(sheet, subject, header, value)` types a value where a person would."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.wb = openpyxl.load_workbook(path)

    def column(self, sheet: str, header: str) -> int:
        for cell in self.wb[sheet][2]:
            if cell.value == header:
                return cell.column
        raise AssertionError(f"{sheet} 没有表头 {header}")

    def row(self, sheet: str, subject: str) -> int:
        ws = self.wb[sheet]
        for r in range(3, ws.max_row + 1):
            if ws.cell(row=r, column=1).value == subject:
                return r
        raise AssertionError(f"{sheet} 没有 {subject}")

    def cell(self, sheet: str, subject: str, header: str) -> str:
        return f"{get_column_letter(self.column(sheet, header))}{self.row(sheet, subject)}"

    def put(self, sheet: str, subject: str, header: str, value: Any) -> str:
        ws = self.wb[sheet]
        ref = self.cell(sheet, subject, header)
        ws[ref] = value
        return ref

    def add_record(self, sheet: str, values: dict[str, Any]) -> int:
        """Type one record into the first empty row of a record sheet; returns the row."""
        ws = self.wb[sheet]
        r = 3
        while any(ws.cell(row=r, column=c).value not in (None, "") for c in range(1, ws.max_column + 1)):
            r += 1
        for header, value in values.items():
            ws.cell(row=r, column=self.column(sheet, header), value=value)
        return r

    def save(self, path: Path | None = None) -> Path:
        self.wb.save(path or self.path)
        return path or self.path


def with_cached_error(path: Path, sheet_index: int, ref: str, formula: str, error: str = "#DIV/0!") -> None:
    """Make cell `ref` a formula whose value Excel computed as an error (openpyxl writes no computed values)."""
    with zipfile.ZipFile(path) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    name = f"xl/worksheets/sheet{sheet_index}.xml"
    xml = items[name].decode("utf-8")
    pattern = re.compile(rf'<c r="{ref}"([^>]*?)(/>|>.*?</c>)', re.S)
    assert pattern.search(xml), f"{ref} not in {name}"
    def cached(m: re.Match) -> str:
        attrs = re.sub(r' t="[^"]*"', "", m.group(1))
        return f'<c r="{ref}"{attrs} t="e"><f>{formula}</f><v>{error}</v></c>'

    xml = pattern.sub(cached, xml, count=1)
    items[name] = xml.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in items.items():
            zf.writestr(n, data)
    path.write_bytes(buf.getvalue())
