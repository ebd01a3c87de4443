"""Reading hand-written forms (review and indicator submissions): every problem collected, each at
file:line:column with the subject and field named."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from ..errors import Problem, SubmissionError
from ..load import Document, Pointer, format_pointer

_TYPE_NAMES = {str: "文字", list: "列表", bool: "是/否（true/false）", dict: "键值表", int: "整数"}


def _type_name(kind: type | tuple) -> str:
    if isinstance(kind, tuple):
        return "数字"
    return _TYPE_NAMES.get(kind, kind.__name__)


def suggestion(value: str, options: list[str]) -> str:
    hint = difflib.get_close_matches(value, options, n=1, cutoff=0.3)
    return hint[0] if hint else ""


class Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, pointer: Pointer, code: str, **fields: Any) -> None:
        self.problems.append(Problem.of(code, self.doc.where(pointer), pointer=format_pointer(pointer), **fields))

    def get(self, obj: dict, pointer: Pointer, key: str, kind: type | tuple, what: str, subject: str = "") -> Any:
        prefix = f"{subject}：" if subject else ""
        if not isinstance(obj, dict) or key not in obj:
            self.fail(pointer, "form.missing", prefix=prefix, key=key, what=what, subject=subject)
            return None
        value = obj[key]
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
            shown = ("是" if value else "否") if isinstance(value, bool) else value
            self.fail(pointer + (key,), "form.type", prefix=prefix, key=key, what=what, expected=_type_name(kind),
                      actual=shown, subject=subject)
            return None
        return value

    def unknown_keys(self, obj: dict, pointer: Pointer, allowed: set[str], subject: str = "") -> None:
        prefix = f"{subject}：" if subject else ""
        for key in obj:
            if key not in allowed:
                hint = difflib.get_close_matches(key, sorted(allowed), n=1)
                self.fail(pointer + (key,), "form.unknown-key", prefix=prefix, actual=key, expected=sorted(allowed),
                          suggestion=hint[0] if hint else "", subject=subject)

    def date(self, obj: dict, pointer: Pointer, key: str, what: str, subject: str) -> dt.date | None:
        raw = self.get(obj, pointer, key, str, what, subject)
        if raw is None:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self.fail(pointer + (key,), "form.date", subject=subject, key=key, what=what, actual=raw)
            return None

    def raise_if_any(self) -> None:
        if self.problems:  # in file order, as `validate` lists them
            raise SubmissionError(sorted(self.problems, key=lambda p: (p.location.line or 0, p.location.column or 0)))
