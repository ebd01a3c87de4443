"""The manual page 保存与比较评分结果: its Python examples run as written against a fresh SQLite file."""

from __future__ import annotations

import doctest
from pathlib import Path

from store_support import ROOT

PAGE = ROOT / "docs" / "manual" / "results.md"


def test_the_results_page_examples_run_as_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ZHIBIAO_DATABASE", raising=False)
    failures, tried = doctest.testfile(str(PAGE), module_relative=False,
                                       globs={"ROOT": ROOT, "DB": str(tmp_path / "结果.sqlite3")},
                                       optionflags=doctest.ELLIPSIS, verbose=False)
    assert tried >= 15
    assert failures == 0
