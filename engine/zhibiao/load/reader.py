"""The one way every file reaches zhibiao: `validate` and `score` (and the service) read through here, so they
agree on every file — BOM, encoding, size, syntax, depth, numbers, empty files."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import messages
from ..errors import LoadError, Location, Problem
from ..limits import DEFAULT, Limits
from .document import Document, Pointer, format_pointer
from .json_reader import read_json
from .stream import is_json_lines, read_lines
from .yaml_reader import _short, number_ok, read_yaml

_SURROGATE = re.compile("[\ud800-\udfff]")

BOM = "\ufeff"


def load_text(text: str, path: str, *, limits: Limits = DEFAULT, json: bool | None = None) -> Document:
    """Parse `text` (YAML, or JSON when the name ends in .json or `json` says so); `path` names it in messages."""
    if text.startswith(BOM):
        text = text[1:]  # Windows editors add it; it is not content
    if not text.strip():
        raise LoadError([Problem.of("load.empty", Location(path), expected="请按示例填写内容")])
    is_json = path.lower().endswith(".json") if json is None else json
    if is_json:
        return read_json(text, path, limits)
    if len(text) > limits.yaml_bytes // 4 and (size := len(text.encode("utf-8"))) > limits.yaml_bytes:
        raise LoadError([Problem.of("load.yaml-too-large", Location(path), actual=round(size / 2 ** 20, 1),
                                    expected=limits.yaml_bytes // 2 ** 20)])
    return read_yaml(text, path, limits)


def load_file(path: str | Path, display: str | None = None, *, limits: Limits = DEFAULT) -> Document:
    """Load a file; `display` is the name used in messages (e.g. relative to the repository)."""
    p = Path(path)
    name = display or str(path)
    if is_json_lines(p):  # a header line, then one subject a line
        return read_lines(p, name, limits=limits)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise LoadError([Problem.of("load.not-a-file", Location(name))])
        if size > limits.file_bytes:
            raise LoadError([Problem.of("load.too-large", Location(name), expected=limits.file_bytes, actual=size)])
        raw = p.read_bytes()
    except FileNotFoundError:
        raise LoadError([Problem.of("load.not-found", Location(name))]) from None
    except OSError as exc:
        raise LoadError([Problem.of("load.unreadable", Location(name), reason=messages.os_reason(exc))]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LoadError([Problem.of("load.not-utf8", Location(name))]) from None
    doc = load_text(text, name, limits=limits)
    doc.file = p
    return doc


def load_data(data: Any, name: str = "<数据>", *, limits: Limits = DEFAULT) -> Document:
    """Data a caller already parsed (a dict from a data platform): no positions, pointers name the place.

    The same limits as for files, and the same values: floats become exact decimals (as JSON numbers do), dates
    (`datetime.date`, or a `datetime` at midnight) become their text `2025-03-01` as in a file, NaN,
    infinities, oversized numbers, lone surrogates, non-text keys and too-deep nesting are refused, located by
    pointer. The caller's data is not modified (a copy is checked)."""
    doc = Document(path=name, data=None)
    problems: list[Problem] = []
    doc.data = _clean(data, (), doc, limits, problems)
    if problems:
        raise LoadError(problems[:20])
    return doc


def _clean(value: Any, ptr: Pointer, doc: Document, limits: Limits, problems: list[Problem]) -> Any:
    if len(ptr) > limits.depth:
        if not any(p.code == "load.too-deep" for p in problems):
            problems.append(Problem.of("load.too-deep", doc.where(ptr), pointer=format_pointer(ptr),
                                       expected=limits.depth, actual=len(ptr)))
        return None
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        if value.time() != dt.time(0):  # a time of day is not a date; cutting it off could move the day
            problems.append(Problem.of("load.datetime-with-time", doc.where(ptr), pointer=format_pointer(ptr),
                                       actual=value.isoformat(sep=" "), expected=value.date().isoformat()))
            return None
        return value.date().isoformat()
    if isinstance(value, dt.date):  # what a database driver gives: the same as the text date a file holds
        return value.isoformat()
    if isinstance(value, float):
        value = Decimal(repr(value)) if math.isfinite(value) else Decimal(str(value))
    if isinstance(value, (int, Decimal)):
        if isinstance(value, Decimal) and not value.is_finite():
            problems.append(Problem.of("load.not-finite", doc.where(ptr), pointer=format_pointer(ptr), actual=str(value)))
            return None
        if not (number_ok(value, limits) if isinstance(value, Decimal) else len(str(abs(value))) <= limits.digits):
            problems.append(Problem.of("load.number-too-long", doc.where(ptr), pointer=format_pointer(ptr),
                                       expected=limits.digits, actual=_short(str(value))))
            return None
        return value
    if isinstance(value, str):
        if len(value) > limits.text_chars:
            problems.append(Problem.of("load.text-too-long", doc.where(ptr), pointer=format_pointer(ptr),
                                       expected=limits.text_chars, actual=len(value)))
            return None
        if (bad := _SURROGATE.search(value)) is not None:
            problems.append(Problem.of("load.bad-character", doc.where(ptr), pointer=format_pointer(ptr),
                                       actual=f"\\u{ord(bad.group()):04x}"))
            return None
        return value
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                problems.append(Problem.of("load.complex-key", doc.where(ptr), pointer=format_pointer(ptr)))
                continue
            out[k] = _clean(v, ptr + (k,), doc, limits, problems)
        return out
    if isinstance(value, (list, tuple)):
        return [_clean(v, ptr + (i,), doc, limits, problems) for i, v in enumerate(value)]
    problems.append(Problem.of("load.unsupported-value", doc.where(ptr), pointer=format_pointer(ptr),
                               actual=type(value).__name__))
    return None
