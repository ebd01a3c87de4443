"""`zhibiao new`: skeletons that pass validation, carry the schema line, and never overwrite a file."""

from __future__ import annotations

from zhibiao.cli import main
from zhibiao.validate.schema import check
from zhibiao.load import load_file

from wf_repo import Repo, repo  # noqa: F401  (fixture)


def test_new_scheme_passes_validate(repo: Repo, capsys) -> None:
    assert main(["new", "scheme", "cz-teaching-2026"]) == 0
    f = repo.path / "rules" / "cz-teaching-2026.yaml"
    text = f.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/scheme.schema.json\nkind: scheme\n")
    assert "（请填写方案标题）" in text
    capsys.readouterr()
    assert main(["validate", "rules"]) == 0, capsys.readouterr().err
    count = len(list((repo.path / "rules").glob("*.yaml")))
    assert f"校验通过：{count} 个文件，0 个错误" in capsys.readouterr().out


def test_new_standard_matches_schema(repo: Repo, capsys) -> None:
    (repo.path / "standards").mkdir()
    assert main(["new", "standard", "teacher-ethics", "-o", "standards/catalog/师德.yaml"]) == 0
    f = repo.path / "standards" / "catalog" / "师德.yaml"
    assert f.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schemas/standard.schema.json\n")
    assert check(load_file(str(f)), repo.path / "schemas", "standard.schema.json") == []


def test_new_refuses_to_overwrite(repo: Repo, capsys) -> None:
    target = repo.path / "rules" / "cz-quality-season.yaml"
    before = target.read_text(encoding="utf-8")
    assert main(["new", "scheme", "x", "-o", str(target)]) == 1
    assert "文件已存在，不会覆盖" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == before


def test_new_fact_prints_snippet(repo: Repo, capsys) -> None:
    assert main(["new", "fact", "late_reports"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("  - id: late_reports\n    name: （请填写事实名称）\n    type: integer\n")


def test_new_rejects_bad_id(repo: Repo, capsys) -> None:
    assert main(["new", "scheme", "质量方案"]) == 1
    assert "标识“质量方案”不合规" in capsys.readouterr().err
