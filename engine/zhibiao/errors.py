"""Problems located in a file, and the one root error type the CLI turns into a clean exit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) at one place, worded for the committee in Chinese."""

    location: Location
    message: str
    severity: Severity = "error"
    pointer: str = ""

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "警告："
        return f"{self.location} {tag}{self.message}"


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
    def at(cls, location: Location, message: str, pointer: str = "") -> "ZhibiaoError":
        return cls([Problem(location, message, pointer=pointer)])


class LoadError(ZhibiaoError):
    """The file cannot be read as YAML/JSON at all (syntax, duplicate key, alias…)."""


class ValidationError(ZhibiaoError):
    """The file parsed but breaks the schema or a semantic check."""


class SubmissionError(ZhibiaoError):
    """A facts submission that cannot be scored."""


class UsageError(ZhibiaoError):
    """A command was called in a way that cannot work (unknown scheme, bad option value)."""


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
