"""Progress of long jobs (reading, scoring, writing), reported to whoever asked — the library never draws.

A caller passes a callback to an API function (`api.score(…, progress=cb)`, `api.score_file`, `api.report`);
the API function installs it with `reporting(cb)` for the duration of the call, and the loops deep inside
(reading each workbook, checking each subject, scoring each subject, writing each row) say how far they are
with `begin` / `advance` — without every function in between taking a `progress` argument. With no callback
installed these are a context-variable lookup and nothing else.

The callback receives (stage, done, total): stage is one of READ, CHECK, SCORE, WRITE (Chinese, shown as is),
done how many items are finished, total how many there are (None when not known in advance, e.g. a stream).
The CLI draws it as a bar on a terminal (cli/progress.py).
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Callable, Iterator

Progress = Callable[[str, int, "int | None"], None]

READ = "读取"
CHECK = "核对"
SCORE = "评分"
WRITE = "写出"


class _Reporter:
    __slots__ = ("callback", "done", "total")

    def __init__(self, callback: Progress) -> None:
        self.callback = callback
        self.done: dict[str, int] = {}
        self.total: dict[str, int | None] = {}


_current: contextvars.ContextVar[_Reporter | None] = contextvars.ContextVar("zhibiao_progress", default=None)


@contextlib.contextmanager
def reporting(callback: Progress | None) -> Iterator[None]:
    """Report the progress of everything run inside to `callback` (None: report nothing; an outer reporter,
    if any, keeps reporting)."""
    if callback is None:
        yield
        return
    token = _current.set(_Reporter(callback))
    try:
        yield
    finally:
        _current.reset(token)


def begin(stage: str, total: int | None = None) -> None:
    """A stage starts (again): `total` items are to be done (None: unknown)."""
    r = _current.get()
    if r is not None:
        r.done[stage], r.total[stage] = 0, total
        r.callback(stage, 0, total)


def advance(stage: str, count: int = 1) -> None:
    """`count` more items of `stage` are done."""
    r = _current.get()
    if r is not None:
        done = r.done.get(stage, 0) + count
        r.done[stage] = done
        r.callback(stage, done, r.total.get(stage))


def active() -> bool:
    return _current.get() is not None
