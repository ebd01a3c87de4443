"""What every controlled document carries (document control, 受控文件), and values that change on dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Source:
    file: str
    section: str
    quote: str = ""

    def __str__(self) -> str:
        return f"{self.file} · {self.section}"


@dataclass(frozen=True)
class Revision:
    version: str
    date: dt.date
    summary: str
    author: str = ""


@dataclass(frozen=True)
class DocumentMeta:
    """Document control (受控文件) fields every document carries."""

    kind: str
    id: str
    title: str
    version: str
    status: str
    effective: dt.date
    owner: str
    source: Source
    revisions: tuple[Revision, ...]
    path: str
    level: str = ""
    system: str = ""


@dataclass(frozen=True)
class DatedValue:
    start: dt.date
    value: Decimal | None


@dataclass(frozen=True)
class Dated:
    """A value that may change on given dates (OpenFisca-style): the latest `start` ≤ date applies."""

    values: tuple[DatedValue, ...]

    def at(self, when: dt.date) -> Decimal | None:
        chosen: DatedValue | None = None
        for v in self.values:
            if v.start <= when:
                chosen = v
        if chosen is None:
            raise LookupError(when)
        return chosen.value

    @property
    def constant(self) -> bool:
        return len(self.values) == 1
