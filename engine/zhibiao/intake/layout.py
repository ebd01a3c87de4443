"""The workbook a scheme is filled in with, as plain data: which sheets, which columns, what each column takes.

The template writer and the workbook reader both work from this one layout, so a template generated from a
scheme and a filled copy of it are read by the same description — no ids hidden in the workbook, nothing to
keep in step by hand. A person sees sheet names and column headers; those are what the reader matches.

- 说明: the scheme's identity (id, version, rules hash) and the period, as labelled cells;
- one sheet per block: a row per subject (names listed by the scheme, locked) or empty rows for an open list,
  one column per fact the block's rules read (Chinese name and unit as header, 填报口径 as the cell comment),
  then one “上期…” column per fact a change rule compares with the previous period (optional: the results
  database can give it);
- one sheet per record list: a row per record, the subject it belongs to first, then its fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from ..numbers import fmt
from ..model.scheme import TYPE_LABELS, Block, FactDef, RecordDef, Scheme

GUIDE = "说明"
CHOICES = "选项"  # hidden sheet holding long drop-down lists (a list typed into the validation is ≤ 255 chars)
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
OPEN_ROWS = 200  # empty rows offered on sheets whose subjects or records are not listed by the scheme

Kind = Literal["subject", "id", "attribute", "fact", "previous", "field", "note"]
PREVIOUS = "previous."  # key prefix of a previous-period column: previous.<fact id>

# The 说明 sheet: labels in column A, values in column B; the reader finds them by label, wherever the row.
GUIDE_FIELDS: tuple[tuple[str, str, bool], ...] = (  # (key, label, filled in by staff)
    ("title", "考核方案", False),
    ("scheme", "方案标识", False),
    ("version", "方案版本", False),
    ("rules_hash", "规则哈希", False),
    ("college", "学校", True),
    ("period_name", "考核期名称", True),
    ("start", "考核期开始日期", True),
    ("end", "考核期结束日期", True),
)
GUIDE_LABELS = {key: label for key, label, _ in GUIDE_FIELDS}


@dataclass(frozen=True)
class Column:
    key: str             # fact or field id; "name", "id", "note"; an attribute id
    header: str          # what the person sees: Chinese name (unit)
    kind: Kind
    type: str = "text"   # a fact type (integer, decimal, boolean, text, decimal-list, date, …)
    unit: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: tuple[str, ...] = ()
    required: bool = False
    comment: str = ""    # 填报口径, shown as the header's cell comment
    width: int = 12

    @property
    def percent(self) -> bool:
        return self.unit.strip() in ("%", "％")

    @property
    def fact(self) -> str:
        """The fact a previous-period column gives last period's value of."""
        return self.key[len(PREVIOUS):] if self.kind == "previous" else self.key


@dataclass(frozen=True)
class Sheet:
    name: str
    kind: Literal["block", "record"]
    key: str                            # block id or record id
    title: str                          # row 1: what the sheet is for, in a sentence
    columns: tuple[Column, ...]
    subjects: tuple[str, ...] = ()      # listed subjects (block sheets), one row each
    blocks: tuple[str, ...] = ()        # record sheets: the blocks whose subjects report this list
    open: bool = False                  # rows are not listed by the scheme

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


@dataclass(frozen=True)
class Layout:
    scheme_id: str
    version: str
    rules_hash: str
    title: str
    sheets: tuple[Sheet, ...] = field(default_factory=tuple)

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)

    @property
    def names(self) -> list[str]:
        return [GUIDE, *(s.name for s in self.sheets)]


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_name(text: str, taken: set[str]) -> str:
    """A legal, unique worksheet name (≤ 31 characters, none of []:*?/\\)."""
    base = _SHEET_BAD.sub("·", text).strip("'") or "工作表"
    name = base[:31]
    n = 2
    while name in taken:
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def header(name: str, unit: str) -> str:
    """Chinese name and unit, as a column header: 本部门缺席人数（人）."""
    if not unit or f"（{unit}）" in name or f"({unit})" in name:
        return name
    return f"{name}（{unit}）"


def _width(text: str) -> int:
    return max(8, min(40, sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) + 2))


def choices_of(f: FactDef, scheme: Scheme) -> tuple[str, ...]:
    """The values a text or grade fact may take, when the scheme enumerates them (drop-down list)."""
    values: tuple[Any, ...] = tuple(f.values or ())
    if not values and f.type == "grade":
        scale = scheme.grade_scale(f.scale) if f.scale else None
        values = scale.names() if scale is not None else ()
    return tuple(str(v) for v in values)


def _comment(f: FactDef, required: bool, choices: tuple[str, ...] = ()) -> str:
    parts = [f.description.strip()] if f.description else []
    parts.append(_how(f, choices))
    if required:
        parts.append("必填（没有默认值）。")
    elif f.has_default:
        parts.append(f"不填按 {_written(f.default)} 计。")
    return "\n".join(parts)


def _how(f: FactDef, choices: tuple[str, ...] = ()) -> str:
    """What to type in a cell of this fact: its kind, range and unit."""
    kind = TYPE_LABELS.get(f.type, f.type)
    if f.type == "boolean":
        kind = "是/否（从下拉列表选择）"
    elif choices:
        kind = f"{kind}，从下拉列表选择：{'、'.join(choices)}"
    elif f.type == "decimal-list":
        kind = "一组数字，用逗号或顿号隔开，如 92, 48, 45"
    elif f.type == "date":
        kind = "日期，如 2009-10-15"
    rng = []
    if f.minimum is not None:
        rng.append(f"≥ {fmt(f.minimum)}")
    if f.maximum is not None:
        rng.append(f"≤ {fmt(f.maximum)}")
    return f"填写：{kind}" + (f"，{'，'.join(rng)}" if rng else "") + (f"，单位：{f.unit}" if f.unit else "")


def _written(v: Any) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if v is None:
        return "空"
    if isinstance(v, Decimal):
        return fmt(v)
    return str(v)


def _fact_column(f: FactDef, scheme: Scheme, kind: Kind, required: bool) -> Column:
    head = header(f.name, f.unit)
    choices = choices_of(f, scheme)
    return Column(f.id, head, kind, f.type, f.unit, f.minimum, f.maximum, choices, required,
                  _comment(f, required, choices), _width(head))


def _previous_columns(scheme: Scheme, block: Block) -> list[Column]:
    """One column per fact a change rule of the block compares with the previous period: last period's value.
    Never required by the template: the results database can give it (`zhibiao score --previous-from`)."""
    out: list[Column] = []
    seen: set[str] = set()
    for r in scheme.rules_for(block.id):
        if r.mode != "change" or r.fact in seen or r.change is None:
            continue
        seen.add(r.fact)
        f = scheme.fact(r.fact)
        if f is None:
            continue
        head = "上期" + header(f.name, f.unit)
        missing = "报错" if r.change.if_no_previous == "报错" else "本项不计分"
        comment = (f"上一考核期的“{f.name}”，规则 {r.id} 与本期比较。\n" + _how(f) +
                   f"\n不填时，评分可从结果库读取上一期保存的评分（zhibiao score --previous-from 结果库，或 --save）；"
                   f"都没有时{missing}。")
        out.append(Column(PREVIOUS + f.id, head, "previous", f.type, f.unit, f.minimum, f.maximum, (), False,
                          comment, _width(head)))
    return out


def _attributes(block: Block) -> tuple[Column, ...]:
    out = []
    for a in getattr(block, "attributes", ()) or ():
        head = header(getattr(a, "name", a.id), getattr(a, "unit", ""))
        values = tuple(str(v) for v in (getattr(a, "values", ()) or ()))
        out.append(Column(a.id, head, "attribute", getattr(a, "type", "text"), "", None, None, values, True,
                          getattr(a, "description", ""), _width(head)))
    return tuple(out)


def is_open(block: Block) -> bool:
    """A block whose subjects the scheme does not list (any subject of its kind is scored)."""
    return not block.subjects


def subject_columns(block: Block) -> tuple[Column, ...]:
    name = Column("name", "考核对象", "subject", required=True, width=max(16, max((_width(s) for s in block.subjects),
                                                                              default=16)),
                  comment="考核对象的名称。" + ("名单由方案规定，请勿修改。" if block.subjects else "每行一个。"))
    cols = [name]
    if is_open(block):
        cols.append(Column("id", "编号", "id", width=12,
                           comment="考核对象的编号（如工号、专业代码）；同名的考核对象必须填写，结果按编号区分。"))
    return tuple(cols)


def build_layout(scheme: Scheme) -> Layout:
    """The workbook for `scheme`: every block that has facts or records to report, every record list."""
    taken = {GUIDE, CHOICES}
    sheets: list[Sheet] = []
    for block in scheme.blocks:
        facts = scheme.facts_for(block.id)
        cols = [*subject_columns(block), *_attributes(block)]
        cols += [_fact_column(f, scheme, "fact", not f.has_default) for f in facts]
        cols += _previous_columns(scheme, block)
        cols.append(Column("note", "备注", "note", width=24, comment="备注（不参与计分）。"))
        count = f"{len(block.subjects)} 个考核对象" if block.subjects else "每行一个考核对象"
        sheets.append(Sheet(sheet_name(block.name, taken), "block", block.id,
                            f"{block.name}（{count}）：每行一个考核对象，每列一项事实；把鼠标停在表头上可看填报口径。",
                            tuple(cols), block.subjects, (block.id,), is_open(block)))
    for rec in scheme.records:
        blocks = tuple(b.id for b in scheme.blocks if rec in scheme.records_for(b.id))
        if not blocks:
            continue
        listed = [s for b in scheme.blocks if b.id in blocks for s in b.subjects]
        open_ = any(is_open(b) for b in scheme.blocks if b.id in blocks)
        cols = [Column("name", "考核对象", "subject", required=True, width=max(16, max(map(_width, listed), default=16)),
                       choices=() if open_ else tuple(listed),
                       comment="这条记录属于哪个考核对象（从下拉列表选择）。" if not open_ else "这条记录属于哪个考核对象。")]
        if open_:
            cols.append(Column("id", "编号", "id", width=12, comment="考核对象的编号（与考核对象工作表中的编号一致）。"))
        cols += [_fact_column(f, scheme, "field", True) for f in rec.fields]
        names = "、".join(b.name for b in scheme.blocks if b.id in blocks)
        unit = f"（单位：{rec.unit}）" if rec.unit else ""
        sheets.append(Sheet(sheet_name(rec.name, taken), "record", rec.id,
                            f"{rec.name}{unit}：每行一条记录（{names}填写）。{rec.description}", tuple(cols),
                            (), blocks, True))
    return Layout(scheme.id, scheme.version, scheme.content_hash, scheme.meta.title, tuple(sheets))


def record_def(scheme: Scheme, sheet: Sheet) -> RecordDef | None:
    return scheme.record(sheet.key) if sheet.kind == "record" else None
