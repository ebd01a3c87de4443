"""Changing one amount on a branch: diff prints exactly that change, impact lists exactly the subjects whose
result moves, with old and new numbers checked against hand computation.

Hand computation (examples/cz-quality-season-2009.yaml), study-3a “讨论几乎没有实质性内容” 5 → 6 分:
only 党院办(含校史办) and 基础部 report discussion_substantive: false.
- 党院办：学习讨论 10 − 1（缺席2人×0.5）− 5 − 1（记录不完整）= 3 → 2；总分 90.4 → 89.4；A板块仍第 14 名。
- 基础部：学习讨论 10 − 5 = 5 → 4；总分 90.9 → 89.9；B板块仍第 8 名（第7名 92.8，第9名 86.7）。
Neither is near a category floor, and the 方案评比 (by 活动方案 score) does not move.
"""

from __future__ import annotations

import json
from decimal import Decimal

from zhibiao.cli import main
from zhibiao.repository import Repository
from zhibiao.workflow.impact import impact

from wf_repo import EXAMPLE, SCHEME, Repo, clear_caches, repo  # noqa: F401  (fixture)


def _branch_with_change(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "change")
    repo.amount_3a("6")
    repo.bump()
    repo.commit("study-3a 改为扣6分")
    clear_caches()


def test_diff_prints_exactly_the_change(repo: Repo, capsys) -> None:
    _branch_with_change(repo)
    assert main(["diff", "main", "change"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "规则改动：main → change\n"
        "\n"
        f"━━ 修改 考核方案 cz-quality-season（郴州职业技术学院“质量管理季”活动考核方案）{SCHEME}\n"
        "【元数据】\n"
        "  修改 版本：1.0.1 → 1.1.0\n"
        "  新增 修订记录：1.1.0（2026-12-01）：study-3a 改为扣6分。\n"
        "【规则】\n"
        "  修改 study-3a 扣分分值：5 → 6\n"
        "\n"
        "共 1 个文件、3 处改动。\n"
    )


def test_diff_markdown_and_json(repo: Repo, capsys, tmp_path) -> None:
    _branch_with_change(repo)
    assert main(["diff", "main", "change", "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    assert "| 修改 | `study-3a` | 扣分分值 | 5 | 6 |" in md
    assert "| 修改 | 版本 |  | 1.0.1 | 1.1.0 |" in md
    target = tmp_path / "out" / "diff.json"
    assert main(["diff", "main", "change", "--format", "json", "-o", str(target)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    rules = [c for c in data["documents"][0]["changes"] if c["section"] == "规则"]
    assert [(c["target"], c["label"], c["old"], c["new"]) for c in rules] == [("study-3a", "扣分分值", "5", "6")]


def test_diff_wording_and_dated_amount_against_working_tree(repo: Repo, capsys) -> None:
    repo.edit(SCHEME, "text: 没有学习，扣10分。\n", "text: 没有组织学习，扣10分。\n")
    repo.edit(SCHEME, "count: absent_members\n            amount: 0.5",
              "count: absent_members\n            amount: [{from: 2009-10-26, value: 0.5}, {from: 2011-01-01, value: 1}]")
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert "  修改 study-2 扣分分值：0.5 → 自 2009-10-26 起 0.5；自 2011-01-01 起 1\n" in out
    assert ("  修改 study-3b 原文措辞：\n    --- 原原文措辞\n    +++ 新原文措辞\n    @@ -1 +1 @@\n"
            "    -没有学习，扣10分。\n    +没有组织学习，扣10分。\n") in out


def test_diff_two_files(repo: Repo, capsys, tmp_path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text((repo.path / SCHEME).read_text(encoding="utf-8"), encoding="utf-8")
    repo.amount_3a("6")
    assert main(["diff", str(old), SCHEME]) == 0
    out = capsys.readouterr().out
    assert "  修改 study-3a 扣分分值：5 → 6\n" in out
    assert "共 1 个文件、1 处改动。" in out


def test_impact_lists_exactly_the_moved_subjects(repo: Repo) -> None:
    _branch_with_change(repo)
    result = impact(Repository(repo.path), "main", [EXAMPLE])
    (f,) = result.files
    assert (f.old_version, f.new_version, f.scored) == ("1.0.1", "1.1.0", 24)
    got = [(s.name, s.old_total, s.new_total, s.delta, s.old_rank, s.new_rank,
            [(r.rule_id, r.old, r.new) for r in s.rules]) for s in f.subjects]
    D = Decimal
    assert got == [
        ("党院办(含校史办)", D("90.4"), D("89.4"), D(-1), 14, 14, [("study-3a", D(5), D(6))]),
        ("基础部", D("90.9"), D("89.9"), D(-1), 8, 8, [("study-3a", D(5), D(6))]),
    ]


def test_impact_cli_outputs(repo: Repo, capsys) -> None:
    _branch_with_change(repo)
    assert main(["impact", "--base", "main"]) == 0
    out = capsys.readouterr().out
    assert "24 个考核对象中 2 个的结果有变化：" in out
    assert "党院办(含校史办)  A       90.4    89.4    -1  第 14 名  第 14 名  study-3a 扣分 5 → 6" in out
    assert main(["impact", "--base", "main", "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    assert "| 基础部 | B | 90.9 | 89.9 | -1 | 第 8 名 | 第 8 名 | study-3a 扣分 5 → 6 |" in md
    assert main(["impact", "--base", "main", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(s["name"], s["old_total"], s["new_total"], s["delta"]) for s in data["files"][0]["subjects"]] == [
        ("党院办(含校史办)", "90.4", "89.4", "-1"), ("基础部", "90.9", "89.9", "-1")]


def test_impact_no_change(repo: Repo, capsys) -> None:
    assert main(["impact", "--base", "main"]) == 0
    assert "24 个考核对象中 0 个的结果有变化。" in capsys.readouterr().out


def test_unknown_revision(repo: Repo, capsys) -> None:
    assert main(["diff", "nosuchbranch"]) == 1
    assert "“nosuchbranch”既不是文件，也不是 git 中的版本" in capsys.readouterr().err


def test_diff_shows_clause_and_note_wording(repo: Repo, capsys) -> None:
    repo.edit(SCHEME, "        text: 开展了学习但没有开展讨论，扣7分。\n        rules:",
              "        text: 开展了学习但没有组织讨论，扣7分。\n        rules:")
    repo.edit(SCHEME, 'text: "学习讨论前通知考核小组。"', 'text: "学习讨论前三天通知考核小组。"')
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert "【条款原文】\n  修改 study 第4条 原文措辞：\n" in out
    assert "    -开展了学习但没有开展讨论，扣7分。\n    +开展了学习但没有组织讨论，扣7分。\n" in out
    assert "【备注】\n  修改 study 备注1 原文措辞：\n" in out
    assert "    +学习讨论前三天通知考核小组。\n" in out
