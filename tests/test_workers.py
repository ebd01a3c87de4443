"""The worker processes behind `--jobs`: results in order, a worker's exception raised in the parent, and a
worker that dies — even halfway through sending a result of megabytes — reported at once instead of waited for
(multiprocessing.Pool and concurrent.futures both could wait for ever there)."""

from __future__ import annotations

import os
import signal
import time

import pytest

from zhibiao.jobs.workers import WorkerFailed, Workers


@pytest.fixture(autouse=True)
def no_hang():
    def hung(signum, frame):
        raise AssertionError("the parent waited for a dead worker")
    before = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, before)


def test_results_come_back_in_order_and_a_workers_error_is_raised_here():
    with Workers(3, lambda x: 12 / x) as pool:
        assert list(pool.map([1, 2, 3, 4, 6, 12, 24], window=4)) == [12, 6, 4, 3, 2, 1, 0.5]
    got = []
    with pytest.raises(ZeroDivisionError):
        with Workers(2, lambda x: 12 / x) as pool:
            for r in pool.map([1, 2, 0, 4], window=2):
                got.append(r)
    assert got == [12, 6]
    assert not any(p.is_alive() for p in pool.processes)


def test_a_worker_killed_halfway_through_sending_its_result_is_a_failure_not_a_hang():
    with Workers(1, lambda task: b"x" * 5_000_000) as pool:
        def tasks():
            yield 0
            time.sleep(0.5)  # the worker has its result and is blocked writing it: the pipe holds 64 KB
            os.kill(pool.processes[0].pid, signal.SIGKILL)
            yield 1
        with pytest.raises(WorkerFailed, match="退出码 -9"):
            list(pool.map(tasks(), window=10))


def test_a_worker_that_cannot_send_its_result_says_why():
    with pytest.raises(WorkerFailed, match="lambda|pickle|Pickl"):
        with Workers(1, lambda task: (lambda: task)) as pool:  # a function cannot be pickled
            list(pool.map([1], window=1))


ORPHANS = r"""
import os, sys, time
sys.path.insert(0, {engine!r})
from zhibiao.jobs.workers import Workers

def slow(task):
    time.sleep(0.2)
    return b"x" * 2_000_000  # more than a pipe holds: the worker blocks sending it to a parent that is gone
pool = Workers(2, slow)
results = pool.map(range(100), window=6)
next(results)
print(" ".join(str(p.pid) for p in pool.processes), flush=True)
os._exit(9)  # the parent dies (as by kill -9): no cleanup runs
"""


def test_workers_end_when_their_parent_is_killed(tmp_path):
    """Before, each worker held its own pipes' other ends too, and waited for ever after its parent died."""
    import subprocess
    import sys
    from support import ROOT
    done = subprocess.run([sys.executable, "-c", ORPHANS.format(engine=str(ROOT / "engine"))],
                          capture_output=True, text=True, timeout=60)
    pids = [int(p) for p in done.stdout.split()]
    assert len(pids) == 2, done.stderr
    deadline = time.monotonic() + 15
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in pids if _running(p)]
    assert not alive, f"workers {alive} outlived their parent"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
