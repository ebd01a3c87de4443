"""A finding of the checkup: a message code, where in the document, and the fields of the case.

The analysis works on a scheme's data without its file; `check.py` turns findings into located `Problem`s."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...errors import Severity
from ...load import Pointer


@dataclass(frozen=True)
class Finding:
    code: str
    pointer: Pointer
    severity: Severity = "error"
    fields: tuple[tuple[str, Any], ...] = field(default=())
    key: bool = False  # locate the key rather than the value

    @classmethod
    def of(cls, code: str, pointer: Pointer, severity: Severity = "error", key: bool = False,
           **fields: Any) -> "Finding":
        return cls(code, tuple(pointer), severity, tuple(fields.items()), key)


class Findings:
    """Findings collected over every date analysed, each reported once."""

    def __init__(self) -> None:
        self.items: list[Finding] = []
        self._seen: set[tuple[str, Pointer, str]] = set()

    def add(self, code: str, pointer: Pointer, severity: Severity = "error", *, once: str = "", key: bool = False,
            **fields: Any) -> None:
        """`once` distinguishes findings of one code at one place (e.g. the other rule of a pair)."""
        k = (code, tuple(pointer), once)
        if k not in self._seen:
            self._seen.add(k)
            self.items.append(Finding.of(code, pointer, severity, key, **fields))
