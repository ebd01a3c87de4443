"""Every case of the bad-input corpus, through the command line as a user meets it:

- `zhibiao score` exits with the case's status and prints exactly the case's problem lines (file:line:column and
  the Chinese sentence), never a traceback;
- nothing is written: no result file, no temporary file, no internal-error report;
- `zhibiao validate` on the same file agrees: the same problem lines, or a pass where only scoring options are wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from badinput_cases import CASES, Case

from zhibiao.cli import scores, standards
from zhibiao.cli.main import main
from zhibiao.repository import Repository

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def repository() -> Repository:
    """One repository for the whole corpus: the inputs vary, the rules do not (and reading them takes time)."""
    return Repository(ROOT)


def _run(argv: list[str], capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse refuses an option value
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


def _problems(text: str, path: Path) -> list[str]:
    """The problem lines of an output, with the file's path as `{f}`: not the summary, warnings or usage text."""
    return [line.replace(str(path), "{f}") for line in text.splitlines()
            if line and not line.startswith(("填报文件 ", "校验", "用法：", " ")) and " 警告：" not in line]


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_the_corpus_is_large_and_names_are_unique():
    assert len(CASES) >= 100
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
                   repository: Repository):
    monkeypatch.setattr(scores, "repository", lambda _args: repository)
    monkeypatch.setattr(standards, "repository", lambda _args: repository)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / f"填报{case.suffix}"
    content = case.content()
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = _files(tmp_path)

    status, out, err = _run([case.command, str(path), *(case.args or ("-o", str(tmp_path / "结果.json")))], capsys)
    assert "Traceback" not in err + out and "内部错误" not in err
    assert (status, _problems(err, path)) == (case.status, list(case.lines)), err
    assert _files(tmp_path) == before, "nothing may be written"

    scheme = [a for a in case.args if case.args[:1] == ("--scheme",)]
    status, out, err = _run(["validate", str(path), *scheme], capsys)
    assert "Traceback" not in err + out
    if case.score_only:
        assert status == 0, err
    else:
        want = case.lines if case.validate_lines is None else case.validate_lines
        assert (status, _problems(err, path)) == (1, list(want)), err
    assert _files(tmp_path) == before
