"""Where the repository's folders are: the one checkout that holds rules/, standards/ and schemas/."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


def _is_root(p: Path) -> bool:
    return (p / "schemas" / "scheme.schema.json").is_file()


@lru_cache(maxsize=None)
def repo_root() -> Path:
    """ZHIBIAO_ROOT if set, else the nearest folder above the working directory, else this checkout."""
    env = os.environ.get("ZHIBIAO_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for p in (here, *here.parents):
        if _is_root(p):
            return p
    return Path(__file__).resolve().parents[2]


def schemas_dir() -> Path:
    return repo_root() / "schemas"


def relative(path: str | Path) -> str:
    """A path as people should see it: relative to the repository when inside it."""
    p = Path(path).resolve()
    try:
        return str(p.relative_to(repo_root()))
    except ValueError:
        return str(path)
