"""Stopping a long job when asked (SIGTERM from a scheduler or `kill`, Ctrl-C), safely.

A signal handler that raises at once can interrupt anything, including multiprocessing's own bookkeeping
(starting a pool's thread, its after-fork hooks), and then the job hangs or the exception is swallowed. So a
caller's handler calls `request`: it raises at once, except inside `deferred()`, where the request waits until
the job reaches a point it chose (`check`), between two chunks."""

from __future__ import annotations

import contextlib
from typing import Iterator


class Terminated(BaseException):
    """SIGTERM turned into an exception, so that `finally` blocks run: a province job's spill file (gigabytes)
    and atomic writes' temporary files are removed, not left behind."""


_depth = 0
_pending: type[BaseException] | None = None


def request(kind: type[BaseException] = Terminated) -> None:
    """Called from a signal handler (Python runs those in the main thread, between two bytecodes)."""
    global _pending
    if _depth:
        _pending = _pending or kind
        return
    raise kind()


def check() -> None:
    """A safe point: raise the stop that was requested inside `deferred()`, if any."""
    global _pending
    if _pending is not None:
        kind, _pending = _pending, None
        raise kind()


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    global _depth
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
    if not _depth:
        check()
