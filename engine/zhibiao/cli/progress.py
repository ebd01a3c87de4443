"""Progress bars for long jobs on a terminal: one line per stage (读取, 核对, 评分, 写出) with a bar, the count
(done/total, or the count alone when a stream's length is unknown), the rate and the time taken — drawn with
rich on stderr, from the `progress(stage, done, total)` callback the library reports to.

Nothing is drawn when stderr is not a terminal (a pipe, a file, a CI log) or with `--quiet`, so what a script
reads is byte for byte the same; and nothing is drawn for a job that ends within DELAY seconds, so a quick
`zhibiao score` looks as it always did (`ZHIBIAO_PROGRESS_DELAY` sets another delay, e.g. 0 to always draw).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Any, Iterator

from ..progress import Progress

DELAY = 0.5      # seconds before a bar appears
REFRESH = 0.1    # at most this often a stage's numbers are passed to rich (per-subject calls are cheap)


class _Bars:
    def __init__(self) -> None:
        # rich is a dependency of the CLI; imported here so that a script's `zhibiao …` without a terminal does
        # not pay for it
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Rich, ProgressColumn, TextColumn, \
            TimeElapsedColumn
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed or (task.completed / task.elapsed if task.elapsed else None)
                return Text("" if speed is None else f"{speed:,.0f} 个/秒", style="progress.data.speed")

        self.rich = Rich(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                         TimeElapsedColumn(), console=Console(stderr=True), transient=False, refresh_per_second=8)
        self.started = time.monotonic()
        try:
            self.delay = float(os.environ.get("ZHIBIAO_PROGRESS_DELAY", DELAY))
        except ValueError:
            self.delay = DELAY
        self.shown = False
        self.state: dict[str, tuple[int, int | None]] = {}
        self.tasks: dict[str, Any] = {}
        self.sent: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        self.state[stage] = (done, total)
        now = time.monotonic()
        if not self.shown:
            if now - self.started < self.delay:
                return
            self.rich.start()
            self.shown = True
            for earlier, (d, t) in self.state.items():  # stages finished before the bar appeared, in order
                self.sent[earlier] = now
                self._send(earlier, d, t)
            return
        if done != total and done and now - self.sent.get(stage, 0.0) < REFRESH:
            return
        self.sent[stage] = now
        self._send(stage, done, total)

    def _send(self, stage: str, done: int, total: int | None) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.rich.add_task(stage, total=total)
        self.rich.update(self.tasks[stage], completed=done, total=total)

    def close(self) -> None:
        if self.shown:
            for stage, (done, total) in self.state.items():
                self._send(stage, done, total)
            self.rich.stop()


@contextlib.contextmanager
def bars(quiet: bool = False) -> Iterator[Progress | None]:
    """A progress callback that draws on the terminal, or None (not a terminal, or `quiet`)."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    drawn = _Bars()
    try:
        yield drawn
    finally:
        drawn.close()
