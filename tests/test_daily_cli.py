"""`zhibiao daily`: report files from the command line, read the running result and the log (same store)."""

from __future__ import annotations

import json
import subprocess
import sys

from support import ROOT


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "daily", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_daily_from_the_command_line(tmp_path):
    db = str(tmp_path / "结果.sqlite3")
    first = tmp_path / "第一次检查.yaml"
    first.write_text("period: {start: 2009-10-15, end: 2010-01-15}\nfacts:\n  study_held: true\n  discussion_held: true\n"
                     "  plan_missing_elements: 0\n  absent_members: 1\n", encoding="utf-8")
    r = run("cz-quality-season", "2009", "教务处", "--add", str(first), "--by", "考核小组", "--db", db, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("教务处（cz-quality-season，考核期 2009）：已收到 1 次报送；本次为第 1 次\n尚不能评分：\n")
    assert "缺少必须填报的事实“summary_missing_items”" in r.stdout
    second = tmp_path / "第二次检查.json"
    second.write_text('{"facts": {"summary_missing_items": 0, "absent_members": 2}}', encoding="utf-8")
    r = run("cz-quality-season", "2009", "教务处", "--add", str(second), "--db", db, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("教务处（cz-quality-season，考核期 2009）：已收到 2 次报送；本次为第 2 次；当前得分 98.5\n")
    bad = tmp_path / "错.json"
    bad.write_text('{"facts": {"absent_members": "两"}}', encoding="utf-8")
    r = run("cz-quality-season", "2009", "教务处", "--add", str(bad), "--db", db, cwd=tmp_path)
    assert r.returncode != 0 and "错.json:1:" in r.stderr and "应填数字" in r.stderr
    r = run("cz-quality-season", "2009", "教务处", "--format", "json", "--db", db, cwd=tmp_path)
    data = json.loads(r.stdout)
    assert (data["total"], data["reports"], data["facts"]["absent_members"]) == ("98.5", 2, 3)
    r = run("cz-quality-season", "2009", "教务处", "--log", "--db", db, cwd=tmp_path)
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["次", "收到时间", "报送人", "编号", "方式", "阶段", "报送后总分"]
    assert lines[2].split()[0] == "1" and "考核小组" in lines[2] and lines[2].split()[-1] == "尚缺事实"
    assert lines[3].split()[0] == "2" and lines[3].split()[-1] == "98.5" and len(lines) == 4
