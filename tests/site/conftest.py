"""Fixtures for the site tests (helpers live in handbook_support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook_support import REPO, Build, build_site, copy_repo


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The repository's own site, built once per test session."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(REPO, out)
    print(f"\n整站构建用时 {result.seconds:.1f} 秒")
    return result


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")
