"""Fuzzing zhibiao's inputs: mutated submissions (YAML and JSON text), generated submission data, mutated schemes.

Every input must end in a result or in located Chinese problems — never another exception — within 5 seconds.
Used by the quick property-based test (test_fuzz.py, driven by hypothesis) and by the long run in bench/fuzz.py
(10,000 inputs), so both exercise exactly the same path: load → check → score → every renderer → explain.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from badinput_cases import BASE, BASE_JSON

from zhibiao import api
from zhibiao.cli import scores as cli_scores
from zhibiao.cli.main import main as cli_main
from zhibiao.errors import ZhibiaoError, errors_only
from zhibiao.evaluate.run import score_submission
from zhibiao.load import load_text
from zhibiao.repository import Repository

ROOT = Path(__file__).resolve().parents[2]
SCHEME_TEXT = (ROOT / "rules" / "cz-quality-season.yaml").read_text(encoding="utf-8")
EXAMPLE = ROOT / "examples" / "cz-quality-season-2009.yaml"
DEADLINE = 5.0  # seconds for one input, end to end

# What people (and copy-paste) put into files: look-alike punctuation, invisible spaces, YAML's special
# characters, numbers at and beyond the limits, escapes of lone surrogates, long and deep things.
PIECES = ["：", "，", "“", "”", "\u00a0", "\u3000", "\u200b", "\t", "\ufeff", "－", "【", "】", ":", ": ", "-", "- ",
          "#", "&a", "*a", "!!python/object", "<<: ", "---", "...", "|", ">", "'", '"', "[", "]", "{", "}", ",", "?",
          "%", "@", "`", "\\", "\\ud800", "\\u0000", "\x00", "\x07", "\r", "\n", "\n  ", "    ", "1e400", "-0",
          "9" * 40, "0.1", "-1", ".nan", ".inf", "NaN", "Infinity", "1_000", "0x1F", "0o17", "2009-02-30",
          "true", "false", "是", "否", "null", "~", "教务处", "A", "B", "study_held", "records", "facts", "subjects",
          "é", "𠀀", "\U0001f600", "長" * 50]


OPS = ("insert", "delete", "replace", "duplicate-line", "swap-lines", "reindent", "number", "brackets")
Edit = tuple[str, int, str]  # (operation, where: any integer, taken modulo the text's length; a piece of text)


def apply_edits(text: str, edits: list[Edit]) -> str:
    """The edits people make, applied in order: insert, delete, replace, duplicate or swap lines, reindent a line,
    change a number, open brackets."""
    for op, where, piece in edits:
        lines = text.split("\n")
        pos = where % (len(text) + 1)
        line = where % max(len(lines), 1)
        if op == "insert":
            text = text[:pos] + piece + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + 1 + len(piece) % 12:]
        elif op == "replace":
            text = text[:pos] + piece + text[pos + 1:]
        elif op == "duplicate-line":
            lines.insert(line, lines[line])
            text = "\n".join(lines)
        elif op == "swap-lines":
            other = (where // 7) % len(lines)
            lines[line], lines[other] = lines[other], lines[line]
            text = "\n".join(lines)
        elif op == "reindent":
            lines[line] = " " * (len(piece) % 10) + lines[line].lstrip(" ")
            text = "\n".join(lines)
        elif op == "number":
            text = re.sub(r"\d+(\.\d+)?", lambda m: piece or "1e400", text, count=1 + where % 5)
        else:
            text = text[:pos] + "[" * (1 + where % 200) + text[pos:]
    return text


def mutate(text: str, rng: random.Random, rounds: int = 3) -> str:
    edits = [(rng.choice(OPS), rng.randrange(10 ** 6), rng.choice(PIECES)) for _ in range(rng.randint(1, rounds))]
    return apply_edits(text, edits)


def value(rng: random.Random, depth: int = 0) -> Any:
    """A value of any kind a data platform might send, extremes included."""
    r = rng.random()
    if depth > 4 or r < 0.5:
        return rng.choice([True, False, None, 0, -1, 1, 2, 10 ** 20, Decimal("0.1"), Decimal("1E+400"),
                           Decimal("-0"), Decimal("NaN"), Decimal("Infinity"), Decimal("1E-400"), 1.5, float("nan"),
                           "", "是", "否", "A", "B", "教务处", "基础部", "x" * 200, "\ud800", "2009-10-15", "2009-02-30",
                           rng.choice(PIECES)])
    if r < 0.75:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = ["kind", "scheme", "period", "start", "end", "subjects", "name", "block", "facts", "records",
            "study_held", "absent_members", "temporary_tasks", "task", "rates", "class_attendance", "x", "学习", ""]
    return {rng.choice(keys): value(rng, depth + 1) for _ in range(rng.randint(0, 5))}


def submission_data(rng: random.Random) -> dict:
    """A submission that is mostly right, with random parts replaced by random values."""
    data = json.loads(BASE_JSON)
    data["subjects"][0]["facts"]["absent_members"] = 2
    data["subjects"].append({"name": "基础部", "block": "B", "facts": {"study_held": True, "discussion_held": False,
                             "plan_missing_elements": 1, "summary_missing_items": 0},
                             "records": {"class_attendance": [{"class": "甲", "semester": "秋", "rates": [90, 91]}]}})
    for _ in range(rng.randint(1, 4)):
        target: Any = data
        path = []
        while isinstance(target, (dict, list)) and target and rng.random() < 0.75:
            key = rng.choice(list(target)) if isinstance(target, dict) else rng.randrange(len(target))
            path.append((target, key))
            target = target[key]
        if path:
            parent, key = path[-1]
            parent[key] = value(rng)
        else:
            data[rng.choice(["kind", "scheme", "period", "subjects", "college", "x"])] = value(rng)
    return data


@dataclass
class Tally:
    results: int = 0
    errors: int = 0
    crashes: list[str] = field(default_factory=list)
    slow: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


_ENGLISH = re.compile(r"\b(expected|found|while|Expecting|line \d|column|Traceback|Error|could not|unexpected)\b")


def check_problems(exc: ZhibiaoError, name: str) -> str:
    """'' when every problem is located and Chinese; else what is wrong with them."""
    if not exc.problems:
        return "错误中没有任何问题条目"
    for p in exc.problems:
        message = p.message
        # what the user wrote is quoted back in “…” and may be any word (a key named “expected” is theirs)
        if not re.search("[\u4e00-\u9fff]", message) or _ENGLISH.search(re.sub("“[^”]*”", "“”", message)):
            return f"不是中文或带英文解析器文字：{message!r}"
        loc = p.location
        located = bool(loc.file) and (loc.line is not None or p.pointer or loc.sheet or loc.file in
                                      (name, "rules/", "--year-end-weight") or not loc.file.endswith((".yaml", ".json")))
        if not located:
            return f"没有位置：{p}"
    return ""


def attempt(repo: Repository, name: str, source: str | dict, tally: Tally, kind: str = "submission") -> str:
    """Run one input to its end; returns 'result', 'error', or raises AssertionError describing a crash."""
    start = time.perf_counter()
    try:
        if kind == "scheme":
            outcome = _scheme(repo, name, source)
        else:
            doc = load_text(source, name) if isinstance(source, str) else source
            sub, scheme = repo.read_submission(doc)
            result = score_submission(sub, scheme)
            _render(result)
            outcome = "result"
    except ZhibiaoError as exc:
        wrong = check_problems(exc, name)
        if wrong:
            tally.crashes.append(f"{name}: {wrong}")
        outcome = "error"
    except Exception as exc:  # noqa: BLE001 — exactly what the fuzzer looks for
        tally.crashes.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
        outcome = "crash"
    elapsed = time.perf_counter() - start
    tally.seconds.append(elapsed)
    if elapsed > DEADLINE:
        tally.slow.append(f"{name}: {elapsed:.1f} s")
    if outcome == "result":
        tally.results += 1
    elif outcome == "error":
        tally.errors += 1
    return outcome


def attempt_cli(repo: Repository, name: str, text: str, tally: Tally, fmt: str = "json") -> None:
    """The same input through `zhibiao score FILE -o OUT`: exit 0 with the file written, or exit 1 with Chinese
    problems and nothing written — never the internal-error exit (70) or a traceback."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(name).name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        out = Path(tmp) / "结果.out"
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()), \
                _patched(cli_scores, "repository", lambda _args: repo):
            status = cli_main(["score", str(path), "--format", fmt, "-o", str(out)])
        said = err.getvalue()
        if status not in (0, 1) or "Traceback" in said or "内部错误" in said or (status == 0) != out.exists():
            tally.crashes.append(f"{name}（命令行）：退出码 {status}：{said[-300:]}")


@contextlib.contextmanager
def _patched(obj: Any, attr: str, value: Any):  # noqa: ANN201
    old = getattr(obj, attr)
    setattr(obj, attr, value)
    try:
        yield
    finally:
        setattr(obj, attr, old)


def _render(result) -> None:  # noqa: ANN001
    for fmt in ("table", "json", "csv", "markdown"):
        api.render(result, fmt).encode("utf-8")  # what a file would hold: unencodable text fails here
    for s in result.subjects[:2]:
        api.render_trace(api.explain(result, s.name)).encode("utf-8")


def _scheme(repo: Repository, name: str, text: str) -> str:
    doc = load_text(text, name)
    problems, _ = repo.validate([doc])
    if errors_only(problems):
        raise ZhibiaoError(errors_only(problems))
    scheme = repo.scheme_from_document(doc)
    example = load_text(EXAMPLE.read_text(encoding="utf-8"), "example.yaml")
    sub, _ = repo.read_submission(example, scheme)
    _render(score_submission(sub, scheme))
    return "result"


def variation(rng: random.Random) -> str:
    """A valid submission with other values (so that scoring, ranking and every renderer run on many results)."""
    text = BASE
    for fact, values in (("absent_members: 2", [0, 1, 3, 7, 40]), ("plan_missing_elements: 1", [0, 1, 2, 4]),
                         ("summary_missing_items: 1", [0, 2, 5]), ("discussion_held: false", ["true", "是", "否"]),
                         ("delay_days: 12", [0, 3, 30, 365]), ("0.91", ["0.5", "0.99", "0.1"])):
        key = fact.split(":")[0]
        text = text.replace(fact, f"{key}: {rng.choice(values)}" if ":" in fact else str(rng.choice(values)), 1)
    return text


def inputs(seed: int, count: int, schemes: int) -> list[tuple[str, str, str | dict]]:
    """`count` inputs (kind, name, source): mutated YAML and JSON submissions, generated data, `schemes` schemes."""
    rng = random.Random(seed)
    out: list[tuple[str, str, str | dict]] = []
    for i in range(count - schemes):
        r = rng.random()
        if r < 0.15:
            out.append(("submission", f"fuzz-{seed}-{i}.yaml", variation(rng)))
        elif r < 0.5:
            out.append(("submission", f"fuzz-{seed}-{i}.yaml", mutate(variation(rng), rng)))
        elif r < 0.75:
            out.append(("submission", f"fuzz-{seed}-{i}.json", mutate(BASE_JSON, rng)))
        else:
            out.append(("submission", f"<数据 {seed}-{i}>", submission_data(rng)))
    for i in range(schemes):
        out.append(("scheme", f"fuzz-scheme-{seed}-{i}.yaml", mutate(SCHEME_TEXT, rng, rounds=2)))
    return out
