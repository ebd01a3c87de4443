"""Shared helpers for the standards evaluators: loading a controlled document strictly, reading submissions."""

from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import Problem, SubmissionError, ValidationError, errors_only
from ..loading import Document, Pointer, load_file
from ..paths import relative, repo_root


def load_controlled(path: str | Path, kind: str) -> Document:
    """Load a standards document and refuse it unless schema and semantic checks pass."""
    from ..schema_check import check as check_schema
    from .checks import CHECKS

    doc = load_file(path, relative(path))
    if not isinstance(doc.data, dict) or doc.data.get("kind") != kind:
        raise ValidationError([Problem(doc.where(("kind",)), f"文件种类应为“{kind}”，实际为“{_kind(doc)}”")])
    problems = errors_only(check_schema(doc, f"{kind}.schema.json"))
    if not problems:
        problems = errors_only(CHECKS[kind](doc, [doc]))
    if problems:
        raise ValidationError(problems)
    return doc


_TYPE_NAMES = {str: "文字", list: "列表", bool: "是/否（true/false）", dict: "键值表", int: "整数"}


def _type_name(kind: type | tuple) -> str:
    if isinstance(kind, tuple):
        return "数字"
    return _TYPE_NAMES.get(kind, kind.__name__)


def _kind(doc: Document) -> str:
    return str(doc.data.get("kind")) if isinstance(doc.data, dict) else "（无）"


def find_document(kind: str, doc_id: str | None, default: str) -> Path:
    """The standards file of this kind with this id (or the default file when no id is given)."""
    root = repo_root() / "standards"
    if not doc_id:
        return root / default
    for p in sorted(root.rglob("*.yaml")):
        text = p.read_text(encoding="utf-8")
        if f"\nkind: {kind}\n" in text and f"\nid: {doc_id}\n" in text:
            return p
    raise SubmissionError([Problem(_nowhere(), f"standards/ 中找不到标识为“{doc_id}”的 {kind} 文件")])


def _nowhere():
    from ..errors import Location

    return Location("standards/")


class Reader:
    """Collects every problem in a submission, each at file:line:column with subject and field named."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, pointer: Pointer, message: str) -> None:
        self.problems.append(Problem(self.doc.where(pointer), message))

    def get(self, obj: dict, pointer: Pointer, key: str, kind: type | tuple, what: str, subject: str = "") -> Any:
        prefix = f"{subject}：" if subject else ""
        if not isinstance(obj, dict) or key not in obj:
            self.fail(pointer, f"{prefix}缺少“{key}”（{what}）")
            return None
        value = obj[key]
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
            shown = ("是" if value else "否") if isinstance(value, bool) else value
            self.fail(pointer + (key,), f"{prefix}“{key}”（{what}）应为{_type_name(kind)}，实际为“{shown}”")
            return None
        return value

    def unknown_keys(self, obj: dict, pointer: Pointer, allowed: set[str], subject: str = "") -> None:
        prefix = f"{subject}：" if subject else ""
        for key in obj:
            if key not in allowed:
                hint = difflib.get_close_matches(key, sorted(allowed), n=1)
                tip = f"，是否想写“{hint[0]}”？" if hint else ""
                self.fail(pointer + (key,), f"{prefix}不认识的字段“{key}”{tip}（可用：{'、'.join(sorted(allowed))}）")

    def date(self, obj: dict, pointer: Pointer, key: str, what: str, subject: str) -> dt.date | None:
        raw = self.get(obj, pointer, key, str, what, subject)
        if raw is None:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self.fail(pointer + (key,), f"{subject}：“{key}”（{what}）应为 YYYY-MM-DD，实际为“{raw}”")
            return None

    def raise_if_any(self) -> None:
        if self.problems:
            raise SubmissionError(self.problems)


def engine_number(v: Decimal | int) -> int | float:
    return int(v) if v == Decimal(v).to_integral_value() else float(v)


def suggest(value: str, options: list[str]) -> str:
    hint = difflib.get_close_matches(value, options, n=1, cutoff=0.3)
    return f"，是否想写“{hint[0]}”？" if hint else ""
