"""A cell read as the person who typed it meant it — where that is unambiguous.

Excel and WPS hand back what was typed in many shapes: 是/否 as text, 55% as 0.55 with a percent format,
full-width digits from a Chinese input method, trailing spaces, dates as datetimes or as “2009年10月15日”.
Each column's type says what is meant. What cannot be read unambiguously is passed on unchanged (as text),
so the one submission checker (`build.submission`) reports it with the same message a YAML file gets:
`学习讨论 › C5 … 应填数字，实际为文字“三”`. Nothing here decides whether a value is allowed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from ..numbers import fmt
from .layout import Column

YES = {"是", "Y", "YES", "TRUE", "√", "✓", "✔", "对"}
NO = {"否", "N", "NO", "FALSE", "×", "✗", "✘", "X", "错"}
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_LIST_SEP = re.compile(r"[,，、;；\s]+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def clean(text: str) -> str:
    """Text as meant: outer spaces (also full-width and non-breaking) gone, inner runs of spaces kept as one."""
    return _SPACE.sub(" ", text).strip()


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not clean(value))


def _normal(text: str) -> str:
    """Full-width digits, signs, point and percent (from a Chinese input method) as their ASCII forms."""
    return unicodedata.normalize("NFKC", clean(text)).replace(" ", "")


def _decimal(text: str) -> Decimal | None:
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def from_float(value: float) -> Decimal:
    """A double from the workbook as the decimal that was typed (0.1 stays 0.1, 3.0 becomes 3)."""
    d = Decimal(repr(value))
    return Decimal(int(d)) if d == d.to_integral_value() else d


def number(value: Any, col: Column, percent_format: bool = False) -> Any:
    """A number; “55%” (typed, or a cell Excel formatted as percent) means 55 in a column whose unit is %."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        d = Decimal(value) if isinstance(value, int) else from_float(value)
        if percent_format:
            if not col.percent:
                return f"{fmt(d * 100)}%"  # a percentage where a count is expected: let the checker refuse it
            d = d * 100
            d = Decimal(int(d)) if d == d.to_integral_value() else d.normalize()
        return int(d) if d == d.to_integral_value() and col.type == "integer" else d
    if not isinstance(value, str):
        return value
    text = _normal(value)
    unit = _normal(col.unit) if col.unit else ""
    if unit and unit != "%" and text.endswith(unit) and _decimal(text[: -len(unit)]) is not None:
        text = text[: -len(unit)]  # “3人” in a column of 人
    if text.endswith("%"):
        d = _decimal(text[:-1])
        if d is None or not col.percent:
            return clean(value)
        return int(d) if col.type == "integer" and d == d.to_integral_value() else d
    d = _decimal(text)
    if d is None:
        return clean(value)
    return int(d) if col.type == "integer" and d == d.to_integral_value() else d


def boolean(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, str):
        return value
    word = _normal(value).upper()
    if word in YES:
        return True
    if word in NO:
        return False
    return clean(value)


def date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return value
    m = _DATE.match(_normal(value))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            pass
    return clean(value)


def number_list(value: Any, col: Column) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [number(value, col)]
    if not isinstance(value, str):
        return value
    parts = [p for p in _LIST_SEP.split(_normal(value)) if p]
    return [number(p, col) for p in parts]


def text(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return fmt(from_float(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return date(value)
    return value


def read(value: Any, col: Column, percent_format: bool = False) -> Any:
    """The value of a filled cell for column `col` (None when blank)."""
    if blank(value):
        return None
    t = col.type
    if t in ("integer", "decimal"):
        return number(value, col, percent_format)
    if t == "boolean":
        return boolean(value)
    if t == "date":
        return date(value)
    if t == "decimal-list":
        return number_list(value, col)
    return text(value)
