"""A batch job stopped by SIGTERM (a scheduler's timeout, `kill`) leaves nothing behind: before, its spill file
(1.2 GB at a million subjects) stayed beside the output. It says so in Chinese and exits 143, with and without
forked workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import synthetic  # noqa: E402


@pytest.mark.parametrize("jobs,group", [("1", True), ("2", True), ("2", False)])
def test_sigterm_removes_the_spill_and_writes_nothing(tmp_path, jobs, group):
    """`group`: the whole process group is signalled, as a scheduler does (workers too; before, a worker killed
    while waiting for work left the parent waiting for ever, about one run in three on one core); otherwise only
    the parent, as `kill PID` does."""
    src = synthetic.write_jsonl(tmp_path / "填报.jsonl", 60_000)
    out = tmp_path / "out" / "结果.jsonl"
    out.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "batch", str(src),
                             "-o", str(out), "--jobs", jobs], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(out.parent.glob(".zhibiao-*.spill")):  # wait until it is scoring: the spill exists
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no spill file appeared"
        time.sleep(0.05)
    if group:
        os.killpg(proc.pid, signal.SIGTERM)
    else:
        os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "已终止：收到终止信号，临时文件已清理，没有写出不完整的结果" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in out.parent.iterdir()) == []


def test_a_stop_requested_inside_deferred_waits_for_its_end():
    """What the signal handler does inside a pool call: nothing at once, the stop at the end of the call."""
    from zhibiao import stopping

    reached = []
    with pytest.raises(stopping.Terminated):
        with stopping.deferred():
            with stopping.deferred():
                stopping.request()
                reached.append("inner")
            reached.append("outer")  # still deferred: the outer call has not ended
    assert reached == ["inner", "outer"]
    stopping.check()  # raised once, not again
    with pytest.raises(KeyboardInterrupt):
        stopping.request(KeyboardInterrupt)  # outside deferred(): at once
