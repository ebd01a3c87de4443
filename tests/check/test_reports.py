"""What a submitter types stays inert in every score report: a period name carrying `<script>` and a
`javascript:` link is shown as text, never run (issue 16, 注入防护). Subject names cannot carry a payload from a
submission: they must be on the scheme's roster (the site's injection corpus covers the scheme's own texts)."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest

from zhibiao.cli import main

from support import EXAMPLE

PERIOD = "2009年<script>alert(1)</script>[点我](javascript:alert(2))"


@pytest.fixture()
def poisoned(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    old_period = "name: 2009年“质量管理季”（2009年10月中旬—2010年1月中旬）"
    assert old_period in text
    text = text.replace(old_period, f"name: '{PERIOD}'", 1)
    out = tmp_path / "poisoned.yaml"
    out.write_text(text, encoding="utf-8")
    return out


def test_markdown_shows_the_period_and_names_as_text(poisoned: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "r.md"
    assert main(["score", str(poisoned), "--format", "markdown", "-o", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    period_line = next(ln for ln in report.splitlines() if ln.startswith("- 考核期："))
    assert period_line == ("- 考核期：2009年&lt;script&gt;alert(1)&lt;/script&gt;\\[点我\\](javascript:alert(2))"
                           "（评分日期 2010-01-15）")
    html = markdown.markdown(report, extensions=["tables"])  # as a Markdown viewer would show it
    assert "<script" not in html and "<a " not in html
    assert "<li>考核期：2009年&lt;script&gt;alert(1)&lt;/script&gt;[点我](javascript:alert(2))" in html


def test_the_table_shows_the_period_as_typed(poisoned: Path, capsys) -> None:
    assert main(["score", str(poisoned), "--brief"]) == 0
    out = capsys.readouterr().out
    assert f"考核期 {PERIOD}  评分日期 2010-01-15" in out  # a terminal runs no markup


def test_json_keeps_the_exact_text(poisoned: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert main(["score", str(poisoned), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["period"] == PERIOD  # data, not markup: the consumer escapes for its own medium
