"""Find and load the controlled documents the site renders, one kind at a time and defensively.

The typed loaders live elsewhere (`zhibiao.model` / `zhibiao.repository` for schemes, `zhibiao.standards`
for the standards side). Whatever is missing — a module not written yet, a folder without files — yields
no pages and no error; a file that exists but cannot be loaded is reported as a problem (the strict
build then fails with the loader's own message), never silently skipped.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Callable

from ..errors import ZhibiaoError
from .documents import get
from .pages import Source


def relative(path: Path | str, root: Path) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def _optional(module: str, *names: str) -> Callable[..., Any] | None:
    """The first of `names` in `module`, or None when the module or function does not exist yet."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    for name in names:
        fn = getattr(mod, name, None)
        if callable(fn):
            return fn
    return None


def raw_documents(folder: Path, kind: str) -> tuple[list[tuple[Any, Path]], list[str]]:
    """Plain data of every YAML file in `folder` whose `kind:` is `kind` (fallback when no typed loader)."""
    from ..loading import load_file

    found: list[tuple[Any, Path]] = []
    problems: list[str] = []
    for path in sorted(folder.glob("**/*.y*ml")) if folder.is_dir() else []:
        try:
            doc = load_file(path)
        except ZhibiaoError as exc:
            problems.append(str(exc))
            continue
        if isinstance(doc.data, dict) and doc.data.get("kind") == kind:
            found.append((doc.data, path))
    return found, problems


def _path_of(obj: Any, default: Path | None, root: Path) -> str:
    for holder in (obj, get(obj, "meta", "document", default=None)):
        if holder is None:
            continue
        value = get(holder, "path", "file", "source_path", default=None)
        if isinstance(value, (str, Path)) and str(value).endswith((".yaml", ".yml")):
            return relative(value, root)
    return relative(default, root) if default else ""


def load_schemes(root: Path) -> tuple[list[Source], list[str]]:
    """Deduction schemes under rules/, as typed models (`zhibiao.repository`)."""
    try:
        from ..repository import load_scheme, scheme_files
    except ImportError:
        return [], []
    build = getattr(load_scheme, "__wrapped__", load_scheme)  # bypass the cache: `mkdocs serve` reloads
    sources: list[Source] = []
    problems: list[str] = []
    for path in scheme_files(root / "rules"):
        try:
            sources.append(Source(build(str(path)), relative(path, root)))
        except ZhibiaoError as exc:
            problems.append(str(exc))
    return sources, problems
