"""Write the handbook as plain Markdown files, without MkDocs (`zhibiao docs [-o DIR]` calls `export`).

The output holds the generated pages and the hand-written chapters with their placeholders filled in, so any
Markdown site generator (or a reader of plain files) gets the same content as the MkDocs build.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from ..render.output import write_atomic as write_atomically
from .manual import substitute
from .site import render

DEFAULT_OUTPUT = "build/handbook"


def export(root: Path, output: Path, repo_url: str | None = None, docs_dir: str = "docs",
           results: list[str] | None = None, tasks: list[str] | None = None,
           as_of: dt.date | None = None) -> tuple[int, list[str]]:
    """Write every page under `output`; return the number of files and the problems found. `results`: the
    sources of the 考核结果 pages; `tasks`: the results databases whose 整改任务 are listed; `as_of`: the day
    statuses are computed for (None: the project's setting, see results_pages.py and task_pages.py)."""
    site = render(root, repo_url=repo_url, results=results, tasks=tasks, as_of=as_of)
    problems = list(site.problems)
    count = 0
    generated = {p.path for p in site.pages}
    docs = root / docs_dir
    for src in sorted(docs.rglob("*")) if docs.is_dir() else []:
        rel = src.relative_to(docs).as_posix()
        if not src.is_file() or rel in generated or src.name.startswith("README"):
            continue
        if src.suffix == ".md":
            text, missing = substitute(src.read_text(encoding="utf-8"), site.values, rel)
            problems += [f"{docs_dir}/{rel}: 占位符 zb:{k} 在 YAML 中找不到对应的数据" for k in missing]
            write_atomically(output / rel, text)
        else:
            (output / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, output / rel)
        count += 1
    for page in site.pages:
        write_atomically(output / page.path, page.markdown)
        count += 1
    return count, problems


def repo_url(root: Path) -> str | None:
    """repo_url from mkdocs.yml, read as text (no YAML tags needed) so the command works without MkDocs."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        return None
    for line in config.read_text(encoding="utf-8").splitlines():
        if line.startswith("repo_url:"):
            return line.split(":", 1)[1].strip() or None
    return None
