"""Problems as data, and the one root error type every entry point turns into a clean Chinese exit.

A `Problem` is where (file, line, column, pointer; or a workbook sheet and cell) and what (a stable `code` plus
the fields of the case: subject, fact, expected, actual, suggestion …). The Chinese sentence a person reads is
produced from those fields in one place, `zhibiao.messages`, so the CLI, the service and the reports all say
the same thing, and a data platform can read `expected` / `actual` / `suggestion` without parsing text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Literal, Mapping

from . import messages

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int | None = None
    column: int | None = None
    sheet: str = ""   # a workbook: 工作表
    cell: str = ""    # … and its cell, e.g. C5

    def __str__(self) -> str:
        if self.sheet:
            return f"{self.file} › {self.sheet}" + (f" › {self.cell}" if self.cell else "")
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) at one place."""

    location: Location
    code: str
    fields: tuple[tuple[str, Any], ...] = ()
    severity: Severity = "error"
    pointer: str = ""

    @classmethod
    def of(cls, code: str, location: Location, *, pointer: str = "", severity: Severity = "error",
           **fields: Any) -> "Problem":
        return cls(location, code, tuple(fields.items()), severity, pointer)

    def get(self, name: str, default: Any = "") -> Any:
        return next((v for k, v in self.fields if k == name), default)

    @property
    def message(self) -> str:
        return messages.render(self.code, dict(self.fields))

    @property
    def subject(self) -> str:
        return str(self.get("subject"))

    @property
    def expected(self) -> str:
        return messages.plain(self.get("expected"))

    @property
    def actual(self) -> str:
        return messages.plain(self.get("actual"))

    @property
    def suggestion(self) -> str:
        return str(self.get("suggestion"))

    def to_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready data (the service's error bodies, `validate --format json`)."""
        loc = self.location
        out: dict[str, Any] = {"file": loc.file, "line": loc.line, "column": loc.column}
        if loc.sheet:
            out |= {"sheet": loc.sheet, "cell": loc.cell}
        out |= {"pointer": self.pointer, "code": self.code, "severity": self.severity, "message": self.message,
                "subject": self.subject, "expected": self.expected, "actual": self.actual,
                "suggestion": self.suggestion}
        return out

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "警告："
        where = str(self.location)
        if self.location.line is None and not self.location.sheet and self.pointer:
            where += f"（{self.pointer}）"  # data without a file: the pointer is the only place there is
        return f"{where} {tag}{self.message}"


@dataclass
class ZhibiaoError(Exception):
    """Root error: carries every problem found, so a user fixes them all in one round."""

    problems: list[Problem] = field(default_factory=list)
    summary: str = ""

    def __post_init__(self) -> None:
        super().__init__(self.summary or (str(self.problems[0]) if self.problems else ""))

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.summary:
            lines.insert(0, self.summary)
        return "\n".join(lines)

    @classmethod
    def at(cls, code: str, location: Location, *, pointer: str = "", **fields: Any) -> "ZhibiaoError":
        return cls([Problem.of(code, location, pointer=pointer, **fields)])


class LoadError(ZhibiaoError):
    """The file cannot be read as YAML/JSON at all (syntax, duplicate key, alias, limits…)."""


class ValidationError(ZhibiaoError):
    """The file parsed but breaks the schema or a semantic check."""


class SubmissionError(ZhibiaoError):
    """A facts submission that cannot be scored."""


class UsageError(ZhibiaoError):
    """A command or call that cannot work (unknown scheme, bad option value)."""


class EngineError(ZhibiaoError):
    """durable-rules misbehaved; never silently produce a score in that case."""


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def summary_counts(problems: Iterable[Problem]) -> Mapping[str, int]:
    items = list(problems)
    errors = len(errors_only(items))
    return {"errors": errors, "warnings": len(items) - errors}
