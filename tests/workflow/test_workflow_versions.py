"""Versions: a result under an old version is reproduced exactly; as-of dates pick the amount in force;
validation against a base revision refuses a changed document without a new version and revision record."""

from __future__ import annotations

import json

from zhibiao.cli import main

from wf_repo import EXAMPLE, SCHEME, Repo, clear_caches, repo  # noqa: F401  (fixture)


def _score_json(capsys, *extra: str) -> dict:
    assert main(["score", EXAMPLE, "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def _subject(run: dict, name: str) -> dict:
    return next(s for s in run["subjects"] if s["name"] == name)


def test_old_version_is_reproduced_from_git_history(repo: Repo, capsys) -> None:
    before = _score_json(capsys)
    assert before["scheme"]["version"] == "1.0.1"
    repo.amount_3a("6")
    repo.bump()
    repo.commit("study-3a 改为扣6分")
    clear_caches()
    now = _score_json(capsys)
    assert now["scheme"]["version"] == "1.1.0"
    assert _subject(now, "党院办(含校史办)")["total"] == "89.4"  # 90.4 − (6 − 5)
    old = _score_json(capsys, "--scheme", "cz-quality-season@1.0.1")
    assert old == before  # byte-for-byte the same result, rules hash included
    assert _subject(old, "党院办(含校史办)")["total"] == "90.4"


def test_unknown_version_lists_history(repo: Repo, capsys) -> None:
    repo.amount_3a("6")
    repo.bump()
    repo.commit("1.1.0")
    clear_caches()
    assert main(["score", EXAMPLE, "--scheme", "cz-quality-season@9.9.9"]) == 1
    assert "考核方案“cz-quality-season”没有版本 9.9.9（已有版本：1.0.1、1.1.0）" in capsys.readouterr().err


def test_as_of_across_a_dated_amount(repo: Repo, capsys) -> None:
    repo.amount_3a("[{from: 2009-10-26, value: 5}, {from: 2010-01-01, value: 6}]")
    clear_caches()
    # default: the period's last day 2010-01-15, when 6 is in force
    assert _subject(_score_json(capsys), "基础部")["total"] == "89.9"
    assert _subject(_score_json(capsys, "--as-of", "2009-12-31"), "基础部")["total"] == "90.9"
    assert _subject(_score_json(capsys, "--as-of", "2010-01-01"), "基础部")["total"] == "89.9"


def test_validate_base_refuses_change_without_version(repo: Repo, capsys) -> None:
    repo.amount_3a("6")
    assert main(["validate", "--base", "main"]) == 1
    err = capsys.readouterr().err
    assert (f"{SCHEME}:5:10 文件内容自 main 以来已修改，但版本仍为 1.0.1（main 中为 1.0.1）：请提高版本（如 1.0.2）"
            "并在 revisions 末尾补充一条修订记录") in err
    assert (f"{SCHEME}:19:5 文件内容自 main 以来已修改，但没有新增修订记录（main 中已有 2 条，现有 2 条）："
            "请在 revisions 末尾补充一条，写明版本、日期和修订内容摘要") in err


def test_validate_base_accepts_bumped_change(repo: Repo, capsys) -> None:
    repo.amount_3a("6")
    repo.bump()
    assert main(["validate", "--base", "main"]) == 0
    assert "校验通过" in capsys.readouterr().out


def test_validate_base_ignores_unchanged(repo: Repo, capsys) -> None:
    assert main(["validate", "--base", "main"]) == 0
