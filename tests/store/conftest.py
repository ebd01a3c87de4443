"""The results database under test: SQLite files, and a real PostgreSQL server started by `.ci/postgres`
(installed from Debian when absent) on a free local port for the session, stopped afterwards."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

import pytest
from store_support import ROOT, free_port, fresh_postgres


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of the session's PostgreSQL server (its own cluster in a temporary folder)."""
    folder = tempfile.mkdtemp(prefix="zhibiao-pg-")
    started = subprocess.run(["bash", str(ROOT / ".ci" / "postgres"), "start", folder, str(free_port())],
                             capture_output=True, text=True, timeout=900)
    assert started.returncode == 0, f"PostgreSQL 没有启动：\n{started.stdout}\n{started.stderr}"
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(ROOT / ".ci" / "postgres"), "stop", folder], capture_output=True, timeout=120)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty results database of each kind: the same tests run against both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'results.sqlite3'}"
    return fresh_postgres(request.getfixturevalue("postgres_server"))
