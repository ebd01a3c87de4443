"""Scheme names never collide with the engine's own fields (`id`, `sid`, and the kind field): a fact called
`kind` once made every subject-level rule stop firing (监察审计室 scored 100 instead of 95.6). Every scheme name
now lives under `f.` in engine facts, so such a fact is plain data and scores exactly as under its old name."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from zhibiao import api
from zhibiao.repository import Repository

from support import EXAMPLE, ROOT


@pytest.fixture(scope="module")
def reference():
    return {s.name: s.total for s in api.score(EXAMPLE, repository=Repository(ROOT)).subjects}


@pytest.mark.parametrize("name", ["kind", "id", "sid"])
@pytest.mark.parametrize("fact", ["absent_members", "incomplete_record"])
def test_a_fact_named_like_an_engine_field_scores_correctly(repo_copy, reference, name, fact):
    for path in (repo_copy / "rules" / "cz-quality-season.yaml", repo_copy / "examples" / EXAMPLE.name):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"\b{fact}\b", name, text), encoding="utf-8")
    repo = Repository(repo_copy)
    assert [p for p in api.validate([repo_copy / "rules"], repository=repo) if p.severity == "error"] == []
    result = api.score(repo_copy / "examples" / EXAMPLE.name, repository=repo)
    assert result.subject("监察审计室").total == reference["监察审计室"] == Decimal("95.6")
    assert {s.name: s.total for s in result.subjects} == reference
    used = [d for s in result.subjects for d in s.deductions if any(e.get("fact") == name for e in d.evidence)]
    assert used, f"no deduction read the fact now called {name}"
