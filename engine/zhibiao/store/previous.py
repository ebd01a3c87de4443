"""Last period's values for year-over-year items (与上期比较), read from the results database.

    source = StorePrevious(store)                 # the latest stored period of the scheme, any version
    api.score("填报2024.yaml", previous_from=store)  # what the library does with it

decision: the previous period is the stored period of the same scheme id (any version by default;
`match="version"` keeps only runs of the version being scored) that ended last before this period starts; its
latest run that scored the subject gives the value. Values written in the submission's `previous:` win.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from ..errors import Location, Problem, UsageError
from ..model.runs import RunInfo
from ..model.submission import PreviousRun
from .database import Store

MATCHES = ("scheme", "version")


def previous_run(info: RunInfo) -> PreviousRun:
    return PreviousRun(info.id, info.period, info.period_name, info.period_start, info.period_end, info.created_at,
                       info.created_by, info.version)


class StorePrevious:
    """A `PreviousSource` over a results database, opened only when a change rule first asks (a scheme without
    change rules never needs the database, nor its optional extras). One query per period, not per subject."""

    def __init__(self, store: Store | Callable[[], Store], match: str = "scheme") -> None:
        if match not in MATCHES:
            raise UsageError([Problem.of("store.previous-match", Location("--previous-match"), actual=match,
                                         expected=list(MATCHES))])
        self._store = store if isinstance(store, Store) else None
        self._open = store if not isinstance(store, Store) else None
        self.match = match
        self._periods: dict[tuple[str, str | None, dt.date], tuple[RunInfo | None, dict[str, Any]]] = {}

    @property
    def store(self) -> Store:
        if self._store is None:
            assert self._open is not None
            self._store = self._open()
        return self._store

    @property
    def where(self) -> str:
        return self.store.url

    def find(self, scheme_id: str, version: str, before: dt.date, key: str, name: str,
             ) -> tuple[PreviousRun | None, dict[str, Any] | None]:
        only = version if self.match == "version" else None
        wanted = (scheme_id, only, before)
        if wanted not in self._periods:
            self._periods[wanted] = self.store.previous_period(scheme_id, before, only)
        last, subjects = self._periods[wanted]
        if last is None:
            return None, None
        hit = subjects.get("#" + key) if key else subjects.get(name)  # a numbered subject only by its number
        if hit is None:
            return previous_run(last), None
        return previous_run(hit[0]), hit[1]
