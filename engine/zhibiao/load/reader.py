"""The one way every file reaches zhibiao: `validate` and `score` (and the service) read through here, so they
agree on every file — BOM, encoding, size, syntax, depth, numbers, empty files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import messages
from ..errors import LoadError, Location, Problem
from ..limits import DEFAULT, Limits
from .document import Document
from .json_reader import read_json
from .stream import is_json_lines, read_lines
from .yaml_reader import read_yaml

BOM = "\ufeff"


def load_text(text: str, path: str, *, limits: Limits = DEFAULT, json: bool | None = None) -> Document:
    """Parse `text` (YAML, or JSON when the name ends in .json or `json` says so); `path` names it in messages."""
    if text.startswith(BOM):
        text = text[1:]  # Windows editors add it; it is not content
    if not text.strip():
        raise LoadError([Problem.of("load.empty", Location(path), expected="请按示例填写内容")])
    is_json = path.lower().endswith(".json") if json is None else json
    return read_json(text, path, limits) if is_json else read_yaml(text, path, limits)


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


def load_data(data: Any, name: str = "<数据>") -> Document:
    """Data a caller already parsed (a dict from a data platform): no positions, pointers name the place."""
    return Document(path=name, data=data)
