"""Find and load the deduction schemes the site renders (the standards side is in standards_pages.py).

The typed loader lives in `zhibiao.repository`. A folder without files yields no pages and no error; a file
that exists but cannot be loaded is reported as a problem (the strict build then fails with the loader's
own message), never silently skipped.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ZhibiaoError
from ..repository import Repository
from .pages import Source


def relative(path: Path | str, root: Path) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def load_schemes(root: Path) -> tuple[list[Source], list[str]]:
    """Deduction schemes under rules/, as typed models (`zhibiao.repository`)."""
    repo = Repository(root)  # a fresh repository per build: `mkdocs serve` reloads edited files
    sources: list[Source] = []
    problems: list[str] = []
    for path in repo.scheme_files():
        try:
            sources.append(Source(repo.scheme_file(path), relative(path, root)))
        except ZhibiaoError as exc:
            problems.append(str(exc))
    return sources, problems
