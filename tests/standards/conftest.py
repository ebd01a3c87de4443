from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def std_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throw-away copy of standards/, schemas/ and examples/ used as ZHIBIAO_ROOT, to break things safely."""
    for name in ("standards", "schemas", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.setenv("ZHIBIAO_ROOT", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    yield tmp_path
