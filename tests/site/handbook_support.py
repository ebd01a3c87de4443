"""Helpers for the site tests: strict MkDocs builds of the repository or of a temporary copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COPIED = ("mkdocs.yml", "docs", "rules", "standards", "schemas")


@dataclass
class Build:
    root: Path
    site: Path
    returncode: int
    output: str
    seconds: float

    def html(self, page: str) -> str:
        """HTML of a page given by its Markdown path, e.g. "schemes/cz-quality-season.md"."""
        stem = page[:-3]
        path = self.site / (stem[: -len("index")] if stem.endswith("index") else stem + "/") / "index.html"
        return path.read_text(encoding="utf-8")

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if "WARNING" in line or "ERROR" in line]


def build_site(root: Path, site: Path) -> Build:
    """`mkdocs build --strict` in a subprocess, from `root` as working directory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )
    return Build(root, site, proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - start)


def copy_repo(dest: Path) -> Path:
    """A copy of the documents and the site configuration; the engine is linked, not copied."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    (dest / "engine").symlink_to(REPO / "engine", target_is_directory=True)
    return dest
