"""A filled workbook → a submission `Document` whose every value is located at its sheet and cell.

What comes out is the same data a YAML or JSON submission holds, with `doc.locations` mapping each pointer to
`Location(file, sheet=…, cell=…)`; the repository then checks it exactly as it checks YAML (schema, then
`build.submission.read_submission`), so every message says `填报.xlsx › 学习讨论 › C5`.

This module only refuses what is not a filled template at all — not a workbook, password-protected, a sheet
missing or renamed, a column added or removed, merged cells or failed formulas in the data, a sheet of a
million rows — each a located Chinese problem, all of them collected before anything is scored.
"""

from __future__ import annotations

import difflib
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import Location, Problem, SubmissionError
from ..limits import DEFAULT, Limits
from ..load import Document, Pointer
from ..messages import render
from ..model.scheme import Scheme
from . import cells
from .layout import CHOICES, FIRST_ROW, GUIDE, GUIDE_FIELDS, GUIDE_LABELS, HEADER_ROW, Column, Layout, Sheet, build_layout

SUFFIXES = (".xlsx", ".xlsm")
MAX_COLUMNS = 500
Resolve = Callable[[str | None], Scheme]  # the scheme a workbook names ("id@version"), or the one the caller chose


def is_workbook(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


@dataclass
class _Reading:
    display: str
    problems: list[Problem] = field(default_factory=list)
    locations: dict[Pointer, Location] = field(default_factory=dict)

    def at(self, sheet: str = "", cell: str = "") -> Location:
        return Location(self.display, sheet=sheet, cell=cell)

    def fail(self, code: str, loc: Location, **fields: Any) -> None:
        self.problems.append(Problem.of(code, loc, **fields))


def _refuse(display: str, code: str, **fields: Any) -> SubmissionError:
    return SubmissionError([Problem.of(code, Location(display), **fields)],
                           summary=render("intake.refused", {"file": display}))


def _open_checks(path: Path, display: str, limits: Limits) -> None:
    """Is it a readable .xlsx at all? Checked on the bytes before any parser sees them."""
    try:
        if path.is_dir():
            raise _refuse(display, "load.not-a-file")
        size = path.stat().st_size
        if size > limits.file_bytes:
            raise _refuse(display, "load.too-large", expected=limits.file_bytes, actual=size)
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise _refuse(display, "load.not-found") from None
    except OSError as exc:
        raise _refuse(display, "load.unreadable", reason=exc.strerror or str(exc)) from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: an encrypted package or a legacy .xls
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise _refuse(display, "intake.encrypted")
        raise _refuse(display, "intake.old-xls")
    if not head.startswith(b"PK"):
        raise _refuse(display, "intake.not-workbook", detail=_what_it_is(head))
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(display, "intake.damaged", detail=str(exc)) from None
    if "xl/workbook.xml" not in names:
        raise _refuse(display, "intake.not-workbook", detail="这是一个压缩包，但其中没有 Excel 工作簿的内容")
    if unpacked > 4 * limits.file_bytes:
        raise _refuse(display, "intake.too-large-unpacked", expected=4 * limits.file_bytes, actual=unpacked)


def _what_it_is(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "这是 PDF 文件"
    if head[:5].lower().startswith((b"<html", b"<!doc", b"<?xml")):
        return "这是网页或 XML 文件（可能是从网页“导出”的表格），请在 Excel/WPS 中另存为 .xlsx"
    return "文件内容不是 .xlsx 格式（可能是改了扩展名的其他文件，或 CSV 文本），请在 Excel/WPS 中另存为 .xlsx"


def _load(path: Path, display: str, data_only: bool, read_only: bool = False) -> Any:
    import openpyxl  # a core dependency, imported where workbooks are read so plain YAML jobs start faster

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops (slicers, themes …)
            return openpyxl.load_workbook(path, data_only=data_only, read_only=read_only)
    except Exception as exc:  # noqa: BLE001 — any parser failure on a damaged file becomes one Chinese message
        raise _refuse(display, "intake.damaged", detail=f"{type(exc).__name__}: {str(exc)[:120]}") from None


def _size_checks(path: Path, display: str, limits: Limits) -> None:
    """Rows and columns of every sheet, from the sheet's dimension (or counted) — before loading cells."""
    wb = _load(path, display, data_only=True, read_only=True)
    problems = []
    try:
        for ws in wb.worksheets:
            rows, cols = ws.max_row, ws.max_column
            if rows is None:  # no dimension recorded: count, but never past the limit
                rows = 0
                for rows, _ in enumerate(ws.iter_rows(values_only=True), 1):
                    if rows > limits.sheet_rows:
                        break
            loc = Location(display, sheet=ws.title)
            if rows > limits.sheet_rows:
                problems.append(Problem.of("intake.too-many-rows", loc, expected=limits.sheet_rows, actual=rows))
            if (cols or 0) > MAX_COLUMNS:
                problems.append(Problem.of("intake.too-many-columns", loc, expected=MAX_COLUMNS, actual=cols))
    finally:
        wb.close()
    if problems:
        raise SubmissionError(problems, summary=render("intake.refused", {"file": display}))


def _norm(text: Any) -> str:
    return unicodedata.normalize("NFKC", cells.clean(str(text))).replace(" ", "") if text is not None else ""


def _guide(r: _Reading, ws: Any, vs: Any) -> dict[str, tuple[Any, Location]]:
    """The labelled cells of 说明: label in column A, value in column B."""
    by_label = {_norm(label): key for key, label, _ in GUIDE_FIELDS}
    found: dict[str, tuple[Any, Location]] = {}
    for row in ws.iter_rows(min_col=1, max_col=1):
        key = by_label.get(_norm(row[0].value))
        if key and key not in found:
            cell = vs.cell(row=row[0].row, column=2)
            found[key] = (cell.value, r.at(ws.title, cell.coordinate))
    return found


def read_workbook(path: str | Path, display: str, resolve: Resolve, *, limits: Limits = DEFAULT) -> Document:
    """Read a filled template; `resolve` turns the scheme it names into a Scheme (the repository's lookup)."""
    p = Path(path)
    _open_checks(p, display, limits)
    _size_checks(p, display, limits)
    wb_f = _load(p, display, data_only=False)  # formulas as written
    wb_v = _load(p, display, data_only=True)   # … and the values Excel/WPS computed for them
    r = _Reading(display)
    names = wb_f.sheetnames
    guide: dict[str, tuple[Any, Location]] = {}
    if GUIDE in names:
        guide = _guide(r, wb_f[GUIDE], wb_v[GUIDE])
    ref = None
    if "scheme" in guide and not cells.blank(guide["scheme"][0]):
        ident = cells.clean(str(guide["scheme"][0]))
        version = guide.get("version", (None,))[0]
        ref = f"{ident}@{cells.text(version)}" if not cells.blank(version) else ident
    if ref is None and GUIDE not in names:
        r.fail("intake.sheet-missing", r.at(), expected=GUIDE, actual=names, hint="（可能被删除或改名了）")
    scheme = resolve(ref)
    layout = build_layout(scheme)
    data: dict[str, Any] = {"kind": "submission", "scheme": scheme.id, "version": scheme.version}
    r.locations[()] = r.at(GUIDE if GUIDE in names else "")
    if GUIDE in names:
        _read_guide(r, guide, data, wb_f[GUIDE].title)
    subjects: list[dict[str, Any]] = []
    index: dict[tuple[str, str], int] = {}  # (block, name or id) → position in subjects
    missing = [s.name for s in layout.sheets if s.name not in names]
    renamed = _renamed(missing, [n for n in names if n not in {*layout.names, CHOICES}])
    for sheet in layout.sheets:
        if sheet.name in missing:
            hint = f"，是否被改名为“{renamed[sheet.name]}”了？请改回“{sheet.name}”" if sheet.name in renamed \
                else "（可能被删除或改名了）"
            r.fail("intake.sheet-missing", r.at(), expected=sheet.name, actual=names, hint=hint)
            continue
        reader = _SheetReader(r, sheet, wb_f[sheet.name], wb_v[sheet.name])
        if sheet.kind == "block":
            reader.subjects(subjects, index)
        else:
            reader.records(subjects, index, layout, scheme)
    if not subjects and not any(p.code == "intake.sheet-missing" for p in r.problems):
        first = layout.sheets[0].name if layout.sheets else GUIDE
        r.fail("intake.empty", r.at(first))
    if r.problems:
        raise SubmissionError(r.problems, summary=render("submission.errors", {"file": display,
                                                                              "count": len(r.problems)}))
    data["subjects"] = subjects
    r.locations[("subjects",)] = r.locations[()]
    return Document(path=display, data=data, file=p, locations=r.locations)


def _renamed(missing: list[str], others: list[str]) -> dict[str, str]:
    """Which unknown sheet each missing one was probably renamed to (each unknown sheet claimed once)."""
    out: dict[str, str] = {}
    free = list(others)
    for name in missing:
        close = difflib.get_close_matches(name, free, n=1, cutoff=0.3)
        if not close and len(missing) == 1 and len(free) == 1:
            close = free
        if close:
            out[name] = close[0]
            free.remove(close[0])
    return out


def _read_guide(r: _Reading, guide: dict[str, tuple[Any, Location]], data: dict[str, Any], sheet: str) -> None:
    for key in ("scheme", "college", "period_name", "start", "end"):
        if key not in guide:
            if key in ("scheme", "start", "end"):
                r.fail("intake.guide-missing", r.at(sheet), expected=GUIDE_LABELS[key])
            continue
        value, loc = guide[key]
        if key in ("start", "end"):
            value = cells.date(value)
            if cells.blank(value):
                r.fail("intake.guide-blank", loc, expected=GUIDE_LABELS[key])
                continue
            data.setdefault("period", {})[key] = value if isinstance(value, str) else str(value)
            r.locations[("period", key)] = loc
            r.locations.setdefault(("period",), loc)
        elif key == "period_name" and not cells.blank(value):
            data.setdefault("period", {})["name"] = cells.text(value)
            r.locations[("period", "name")] = loc
        elif key == "college" and not cells.blank(value):
            data["college"] = cells.text(value)
            r.locations[("college",)] = loc
        elif key == "scheme":
            r.locations[("scheme",)] = loc


class _SheetReader:
    def __init__(self, r: _Reading, sheet: Sheet, ws: Any, vs: Any) -> None:
        self.r, self.sheet, self.ws, self.vs = r, sheet, ws, vs
        self.columns = self._headers()
        self._merged()

    def loc(self, row: int, col: int) -> Location:
        return self.r.at(self.sheet.name, f"{_letter(col)}{row}")

    def _headers(self) -> dict[int, Column]:
        """Column position → layout column, matched by the header text a person sees."""
        wanted = {_norm(c.header): c for c in self.sheet.columns}
        found: dict[int, Column] = {}
        self.extra: set[int] = set()
        seen: dict[str, int] = {}
        width = self.ws.max_column or 0
        for col in range(1, width + 1):
            raw = self.ws.cell(row=HEADER_ROW, column=col).value
            head = _norm(raw)
            if not head:
                continue
            c = wanted.get(head)
            if c is None:
                self.extra.add(col)
                close = difflib.get_close_matches(head, list(wanted), n=1, cutoff=0.5)
                taken = close and any(_norm(x.header) == close[0] for x in found.values())
                self.r.fail("intake.column-extra", self.loc(HEADER_ROW, col), sheet=self.sheet.name,
                            actual=cells.clean(str(raw)),
                            hint=f"（是否是“{wanted[close[0]].header}”被改动了？）" if close and not taken else "")
                continue
            if head in seen:
                self.r.fail("intake.column-twice", self.loc(HEADER_ROW, col), actual=c.header,
                            first=_letter(seen[head]))
                continue
            seen[head] = col
            found[col] = c
        for c in self.sheet.columns:
            if _norm(c.header) not in seen:
                self.r.fail("intake.column-missing", self.r.at(self.sheet.name),
                            sheet=self.sheet.name, expected=c.header)
        return found

    def _merged(self) -> None:
        for rng in self.ws.merged_cells.ranges:
            if rng.max_row >= FIRST_ROW:
                self.r.fail("intake.merged", self.r.at(self.sheet.name, rng.coord), actual=rng.coord)

    def _cell(self, row: int, col: int, c: Column) -> tuple[Any, bool]:
        """(value as meant, ok): formula errors and formulas without a computed value are problems."""
        written = self.ws.cell(row=row, column=col)
        shown = self.vs.cell(row=row, column=col)
        value = shown.value
        if shown.data_type == "e" or (isinstance(value, str) and value.startswith("#") and written.data_type == "f"):
            self.r.fail("intake.formula-error", self.loc(row, col), actual=value)
            return None, False
        if written.data_type == "f" and value is None:
            self.r.fail("intake.formula-uncalculated", self.loc(row, col), actual=str(written.value)[:60])
            return None, False
        if c.kind in ("subject", "id", "note", "attribute"):
            return cells.text(value) if not cells.blank(value) else None, True
        return cells.read(value, c, "%" in (shown.number_format or "")), True

    def _rows(self):
        """(row number, {column: value}) of every row with anything filled in, beyond what the template put."""
        last = self.ws.max_row or 0
        width = self.ws.max_column or 0
        for row in range(FIRST_ROW, last + 1):
            values: dict[str, Any] = {}
            cols: dict[str, int] = {}
            filled = False
            for col in range(1, width + 1):
                c = self.columns.get(col)
                if c is None:
                    raw = self.vs.cell(row=row, column=col).value
                    if col not in self.extra and not cells.blank(raw):
                        self.r.fail("intake.column-no-header", self.loc(row, col), column=_letter(col))
                    continue
                value, ok = self._cell(row, col, c)
                cols[c.key] = col
                if value is None:
                    filled = filled or not ok
                    continue
                values[c.key] = value
                # a listed subject's name is the template's own: the row counts once anything else is filled
                filled = filled or c.kind != "subject" or self.sheet.open or self.sheet.kind == "record"
            if filled:
                yield row, values, cols

    def subjects(self, out: list[dict[str, Any]], index: dict[tuple[str, str], int]) -> None:
        for row, values, cols in self._rows():
            name = values.get("name")
            if name is None:
                self.r.fail("intake.name-missing", self.loc(row, cols.get("name", 1)), row=row)
                continue
            i = len(out)
            entry: dict[str, Any] = {"name": name, "block": self.sheet.key}
            base: Pointer = ("subjects", i)
            name_loc = self.loc(row, cols["name"])
            self.r.locations[base] = name_loc
            self.r.locations[base + ("name",)] = name_loc
            self.r.locations[base + ("block",)] = self.r.at(self.sheet.name)
            facts: dict[str, Any] = {}
            attrs: dict[str, Any] = {}
            previous: dict[str, Any] = {}
            for c in self.sheet.columns:
                if c.key not in cols:
                    continue
                loc = self.loc(row, cols[c.key])
                if c.kind == "fact":
                    self.r.locations[base + ("facts", c.key)] = loc
                    if c.key in values:
                        facts[c.key] = values[c.key]
                elif c.kind == "attribute":
                    self.r.locations[base + ("attributes", c.key)] = loc
                    if c.key in values:
                        attrs[c.key] = values[c.key]
                elif c.kind == "previous":
                    self.r.locations[base + ("previous", c.fact)] = loc
                    if c.key in values:
                        previous[c.fact] = values[c.key]
                elif c.kind == "id" and "id" in values:
                    entry["id"] = values["id"]
                    self.r.locations[base + ("id",)] = loc
                elif c.kind == "note" and "note" in values:
                    entry["note"] = values["note"]
                    self.r.locations[base + ("note",)] = loc
            self.r.locations[base + ("facts",)] = name_loc
            if attrs:
                entry["attributes"] = attrs
            entry["facts"] = facts
            if previous:
                entry["previous"] = previous
            index.setdefault((self.sheet.key, entry.get("id") or name), i)
            out.append(entry)

    def records(self, out: list[dict[str, Any]], index: dict[tuple[str, str], int], layout: Layout,
                scheme: Scheme) -> None:
        rid = self.sheet.key
        for row, values, cols in self._rows():
            name = values.get("name")
            key = values.get("id") or name
            if name is None and key is None:
                self.r.fail("intake.name-missing", self.loc(row, cols.get("name", 1)), row=row)
                continue
            i = next((index[(b, key)] for b in self.sheet.blocks if (b, key) in index), None)
            if i is None:  # records of a subject whose own row was left blank (or is not in the scheme)
                block = next((b.id for b in scheme.blocks if b.id in self.sheet.blocks and name in b.subjects),
                             self.sheet.blocks[0])
                i = len(out)
                entry: dict[str, Any] = {"name": name or key, "block": block, "facts": {}}
                if values.get("id"):
                    entry["id"] = values["id"]
                out.append(entry)
                index[(block, key)] = i
                name_loc = self.loc(row, cols["name"])
                for suffix in ((), ("name",), ("facts",)):
                    self.r.locations[("subjects", i) + suffix] = name_loc
                self.r.locations[("subjects", i, "block")] = self.r.at(self.sheet.name)
            rows = out[i].setdefault("records", {}).setdefault(rid, [])
            j = len(rows)
            base: Pointer = ("subjects", i, "records", rid, j)
            self.r.locations[base] = self.loc(row, cols.get("name", 1))
            self.r.locations.setdefault(("subjects", i, "records", rid), self.r.at(self.sheet.name))
            self.r.locations.setdefault(("subjects", i, "records"), self.r.at(self.sheet.name))
            record: dict[str, Any] = {}
            for c in self.sheet.columns:
                if c.kind != "field" or c.key not in cols:
                    continue
                self.r.locations[base + (c.key,)] = self.loc(row, cols[c.key])
                if c.key in values:
                    record[c.key] = values[c.key]
            rows.append(record)


def _letter(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out
