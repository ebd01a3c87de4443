"""The results database under test: SQLite files, and a real PostgreSQL server started by `.ci/postgres`
(installed from Debian when absent) on a free local port for the session, stopped afterwards."""

from __future__ import annotations

import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of the session's PostgreSQL server (its own cluster in a temporary folder)."""
    folder = tempfile.mkdtemp(prefix="zhibiao-pg-")
    started = subprocess.run(["bash", str(ROOT / ".ci" / "postgres"), "start", folder, str(_free_port())],
                             capture_output=True, text=True, timeout=900)
    assert started.returncode == 0, f"PostgreSQL 没有启动：\n{started.stdout}\n{started.stderr}"
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(ROOT / ".ci" / "postgres"), "stop", folder], capture_output=True, timeout=120)


def fresh_postgres(server: str) -> str:
    """A new, empty database on the session's server (each test starts from nothing)."""
    import sqlalchemy as sa

    name = "t_" + uuid.uuid4().hex[:12]
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty results database of each kind: the same tests run against both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'results.sqlite3'}"
    return fresh_postgres(request.getfixturevalue("postgres_server"))
