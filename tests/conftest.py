from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEME = ROOT / "rules" / "cz-quality-season.yaml"
EXAMPLE = ROOT / "examples" / "cz-quality-season-2009.yaml"


@pytest.fixture
def repo_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throw-away copy of the repository's YAML, used as ZHIBIAO_ROOT, to break things safely."""
    for name in ("rules", "schemas", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.setenv("ZHIBIAO_ROOT", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    yield tmp_path
