"""The scheme checkup as `validate` runs it: the analysis's findings as located Problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import Problem
from ...load import Document, format_pointer
from .bounds import SchemeBounds, analyse


def check_scheme_bounds(doc: Document) -> list[Problem]:
    """Every finding of the checkup on a scheme that passed its schema and semantic checks."""
    _, findings = analyse(doc.data)
    return [Problem.of(f.code, doc.where(f.pointer, key=f.key), pointer=format_pointer(f.pointer),
                       severity=f.severity, **dict(f.fields)) for f in findings]


def scheme_bounds(data: dict) -> SchemeBounds:
    """The bounds table of a scheme's data (the site and `zhibiao check` show it)."""
    return analyse(data)[0]


@dataclass
class SchemeCheckup:
    """One scheme file's checkup: its bounds (None when the file has errors that stop the analysis) and every
    problem `validate` finds in it."""

    path: str
    bounds: SchemeBounds | None
    problems: list[Problem] = field(default_factory=list)
