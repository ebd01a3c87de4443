"""Progress of long jobs: the library reports (stage, done, total) to a callback; the CLI draws a bar on a terminal
(stderr) and nothing at all when stderr is not a terminal or with --quiet — stdout is the same bytes either way.

The terminal is a real pseudo-terminal (pty). ZHIBIAO_PROGRESS_DELAY=0 makes the bar appear at once, so the
small example is enough (by default a bar appears only for a job that lasts over half a second)."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import threading
from pathlib import Path

from support import EXAMPLE, ROOT

from zhibiao import api, progress

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _run(args: list[str], *, tty: bool) -> tuple[int, bytes, str]:
    """(exit code, stdout bytes, stderr text without terminal codes); stderr on a pty when `tty`."""
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "ZHIBIAO_PROGRESS_DELAY": "0"}
    cmd = [sys.executable, "-m", "zhibiao.cli", *args]
    if not tty:
        proc = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, timeout=300)
        return proc.returncode, proc.stdout, proc.stderr.decode()
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    out: list[bytes] = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read()))
    reader.start()
    err = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            err += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=300)
    reader.join()
    os.close(master)
    return proc.returncode, out[0], ANSI.sub("", err.decode())


def _last_lines(err: str) -> dict[str, str]:
    """The last drawing of each stage's line: stage → the line."""
    lines = {}
    for part in err.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        words = part.split()
        if words and words[0] in (progress.READ, progress.CHECK, progress.SCORE, progress.WRITE):
            lines[words[0]] = part
    return lines


def test_score_draws_a_bar_on_a_terminal_and_nothing_on_a_pipe() -> None:
    args = ["score", str(EXAMPLE), "--format", "json"]
    code, out_tty, err_tty = _run(args, tty=True)
    assert code == 0, err_tty
    lines = _last_lines(err_tty)
    assert list(lines) == [progress.CHECK, progress.SCORE, progress.WRITE]
    for stage in lines.values():
        assert " 24/24 " in stage and "个/秒" in stage, stage
    code, out_pipe, err_pipe = _run(args, tty=False)
    assert code == 0 and err_pipe == ""  # nothing extra where no one watches
    assert out_tty == out_pipe  # and what a script reads is the same, byte for byte
    expected = api.render(api.score(EXAMPLE), "json").encode()
    assert out_pipe == expected


def test_batch_draws_a_bar_unless_quiet(tmp_path: Path) -> None:
    source = tmp_path / "填报.json"
    source.write_text(json.dumps(_submission_json(), ensure_ascii=False), encoding="utf-8")
    code, out, err = _run(["batch", str(source), "-o", str(tmp_path / "结果.jsonl")], tty=True)
    assert code == 0, err
    lines = _last_lines(err)
    assert " 24 " in lines[progress.SCORE] or " 24/" in lines[progress.SCORE], lines  # a stream: count, no total
    assert " 24/24 " in lines[progress.WRITE]
    assert "已写出" in err and out == b""
    code, out, err = _run(["batch", str(source), "-o", str(tmp_path / "结果2.jsonl"), "--quiet"], tty=True)
    assert code == 0 and err.strip() == "" and out == b""
    assert (tmp_path / "结果.jsonl").read_bytes() == (tmp_path / "结果2.jsonl").read_bytes()


def _submission_json() -> dict:
    doc = api.open_repository(ROOT).submission_document(EXAMPLE)

    def plain(o):
        if isinstance(o, dict):
            return {k: plain(v) for k, v in o.items()}
        if isinstance(o, list):
            return [plain(v) for v in o]
        if hasattr(o, "quantize"):
            return int(o) if o == o.to_integral_value() else float(o)
        if hasattr(o, "isoformat"):
            return o.isoformat()
        return o
    return plain(doc.data)


def test_the_library_reports_each_stage_with_counts(tmp_path: Path) -> None:
    heard: list[tuple[str, int, int | None]] = []
    result = api.score(EXAMPLE, progress=lambda *call: heard.append(call))
    stages = [s for s, _, _ in heard]
    assert stages[0] == progress.CHECK and stages[-1] == progress.SCORE
    for stage in (progress.CHECK, progress.SCORE):
        calls = [(d, t) for s, d, t in heard if s == stage]
        assert calls == [(i, 24) for i in range(25)], stage  # from 0 to all of them, one by one
    assert len(result.subjects) == 24
    heard.clear()
    api.render(result, "json", progress=lambda *call: heard.append(call))
    assert heard == [(progress.WRITE, i, 24) for i in range(25)]

    # several files (one per department) merged: reading counts the files
    data = _submission_json()
    first, second = dict(data), dict(data)
    first["subjects"], second["subjects"] = data["subjects"][:10], data["subjects"][10:]
    files = []
    for i, part in enumerate((first, second)):
        files.append(tmp_path / f"部门{i}.json")
        files[-1].write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
    heard.clear()
    api.read(files, progress=lambda *call: heard.append(call))
    assert [(d, t) for s, d, t in heard if s == progress.READ] == [(0, 2), (1, 2), (2, 2)]

    # no callback: nothing is reported, and nothing stays installed after a call
    assert not progress.active()


def test_batch_reports_scoring_and_writing(tmp_path: Path) -> None:
    source = tmp_path / "填报.json"
    source.write_text(json.dumps(_submission_json(), ensure_ascii=False), encoding="utf-8")
    heard: list[tuple[str, int, int | None]] = []
    summary = api.score_file(source, tmp_path / "结果.jsonl", progress=lambda *call: heard.append(call))
    scored = [(d, t) for s, d, t in heard if s == progress.SCORE]
    assert scored[0] == (0, None) and scored[-1] == (summary.count, None) == (24, None)
    assert [d for d, _ in scored] == sorted(d for d, _ in scored)
    assert [(d, t) for s, d, t in heard if s == progress.WRITE][-1] == (24, 24)
