"""Forked worker processes that run one function over a stream of tasks and give the results back in order.

Not multiprocessing.Pool nor concurrent.futures: both hand work out through one shared queue and take results
back through another, guarded by locks. A worker ended by a signal (the SIGTERM a scheduler sends the job's
whole process group, the out-of-memory killer) can die holding a lock, or halfway through writing a result of a
few hundred kilobytes, and the parent then waits for ever (both were seen: Pool about one stop in three on one
core, concurrent.futures about one in sixteen). Here every worker has a pipe of its own each way, the parent
keeps no copy of a worker's ends, and nothing is shared: a dead worker is an end of file, at once.

Tasks are sent by one thread per worker, so the parent never blocks on a full pipe while that worker blocks on
sending it a result. Tasks go round-robin (worker k gets tasks k, k + n, …), which keeps results in order."""

from __future__ import annotations

import collections
import multiprocessing
import os
import queue
import signal
import threading
from multiprocessing.connection import Connection
from typing import Any, Callable, Iterable, Iterator

from .. import stopping

_FORK = multiprocessing.get_context("fork")
_END = object()  # tells a sending thread to stop


class WorkerFailed(Exception):
    """A worker ended without giving its result (killed, out of memory), or its error could not be sent."""


def _exit_on(signum: int, frame: object) -> None:
    os._exit(128 + signum)


def _serve(run: Callable[[Any], Any], tasks: Connection, results: Connection, others: list[Connection]) -> None:
    """A worker's life: take a task, send its result (or its exception), until told to stop or the parent
    is gone. SIGTERM and Ctrl-C end it at once, silently: the parent sees the end of its pipe and reports."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _exit_on)
    for conn in others:  # the parent's ends (ours and earlier workers'), inherited by the fork
        conn.close()
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        try:
            out: tuple[str, Any] = ("ok", run(task))
        except BaseException as exc:  # noqa: BLE001 — sent to the parent, which raises it
            out = ("error", exc)
        try:
            results.send(out)
        except (EOFError, OSError):
            break
        except Exception as exc:  # noqa: BLE001 — an exception (or result) that cannot be pickled
            results.send(("error", WorkerFailed(f"{type(exc).__name__}: {exc}")))


def _send(box: queue.SimpleQueue, conn: Connection) -> None:
    """A sending thread: it alone writes to, and closes, its worker's task pipe."""
    try:
        while (item := box.get()) is not _END:
            conn.send(item)
    except OSError:  # the worker is gone: reading its result says so
        pass
    finally:
        conn.close()


class Workers:
    """`jobs` forked processes running `run`. Use as a context manager: leaving it stops them (at once, when
    leaving on an exception)."""

    def __init__(self, jobs: int, run: Callable[[Any], Any]) -> None:
        self.processes: list[Any] = []
        self.boxes: list[queue.SimpleQueue] = []
        self.results: list[Connection] = []
        ends: list[Connection] = []
        with stopping.deferred():  # forking runs the interpreter's after-fork hooks: not to be interrupted
            for _ in range(jobs):
                task_r, task_w = _FORK.Pipe(duplex=False)
                result_r, result_w = _FORK.Pipe(duplex=False)
                # the worker closes the parent's ends, its own pipes' included: if the parent dies, its reads end
                # and its writes fail, instead of waiting for ever on ends it holds itself
                p = _FORK.Process(target=_serve, args=(run, task_r, result_w, [*ends, task_w, result_r]),
                                  daemon=True)
                p.start()
                task_r.close()
                result_w.close()
                ends += [task_w, result_r]
                box: queue.SimpleQueue = queue.SimpleQueue()
                threading.Thread(target=_send, args=(box, task_w), daemon=True).start()
                self.processes.append(p)
                self.boxes.append(box)
                self.results.append(result_r)

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, kind: Any, value: Any, tb: Any) -> None:
        self.close(graceful=kind is None)

    def map(self, tasks: Iterable[Any], window: int, waiting: Callable[[], None] | None = None) -> Iterator[Any]:
        """The results of `tasks`, in order, with at most `window` tasks handed out and not yet returned.
        `waiting` is called about four times a second while a result is awaited (to show progress)."""
        pending: collections.deque[int] = collections.deque()
        n = len(self.processes)
        for i, task in enumerate(tasks):
            stopping.check()
            self.boxes[i % n].put(task)
            pending.append(i % n)
            if len(pending) >= window:
                yield self._result(pending.popleft(), waiting)
        while pending:
            yield self._result(pending.popleft(), waiting)

    def _result(self, k: int, waiting: Callable[[], None] | None) -> Any:
        conn = self.results[k]
        with stopping.deferred():  # a stop waits until this message is read whole
            while waiting is not None and not conn.poll(0.25):
                waiting()
            try:
                kind, value = conn.recv()
            except (EOFError, OSError):
                kind, value = "gone", None
        if kind == "ok":
            return value
        if kind == "error":
            raise value
        p = self.processes[k]
        p.join(5)
        stopping.check()  # the SIGTERM (Ctrl-C) sent to the whole group ended it: that stop, not a failure
        if p.exitcode in (128 + signal.SIGTERM, -signal.SIGTERM):
            raise stopping.Terminated()
        if p.exitcode in (128 + signal.SIGINT, -signal.SIGINT):
            raise KeyboardInterrupt()
        raise WorkerFailed(f"进程 {p.pid} 退出，退出码 {p.exitcode}")

    def close(self, graceful: bool = True) -> None:
        """Graceful: each worker ends after its tasks; otherwise (a problem, a stop) they are killed now."""
        with stopping.deferred():
            for box in self.boxes:
                if graceful:
                    box.put(None)
                box.put(_END)
            for p in self.processes:
                if not graceful and p.is_alive():
                    p.kill()
            for p in self.processes:
                p.join(None if graceful else 5)
            for conn in self.results:
                conn.close()
