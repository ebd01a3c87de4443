"""Helpers for the site tests: strict MkDocs builds of the repository or of a temporary copy."""

from __future__ import annotations

import os
from html.parser import HTMLParser
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


class ArticleReader(HTMLParser):
    """The article of a built page: its visible text outside code, and its ordered lists.

    Each ordered list is recorded as (section, depth, first number, item count): `section` counts the headings
    before it, `depth` how many lists enclose it."""

    SKIP = {"code", "pre", "script", "style", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.skip = 0
        self.text: list[str] = []
        self.section = 0
        self.lists: list[list] = []  # open lists: [section, depth, start, items]
        self.ordered: list[tuple[int, int, int, int]] = []
        self.list_stack: list[str] = []
        self.pre: list[str] = []  # text of each code block
        self.in_pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article += 1
        if not self.in_article:
            return
        if tag in self.SKIP:
            self.skip += 1
        if tag == "pre":
            self.in_pre += 1
            self.pre.append("")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.section += 1
        if tag in ("ol", "ul"):
            if tag == "ol":
                start = int(dict(attrs).get("start") or 1)
                self.lists.append([self.section, self.list_stack.count("ol") + self.list_stack.count("ul"), start, 0])
            self.list_stack.append(tag)
        if tag == "li" and self.list_stack and self.list_stack[-1] == "ol":
            self.lists[-1][3] += 1

    def handle_endtag(self, tag: str) -> None:
        if not self.in_article:
            return
        if tag in self.SKIP:
            self.skip -= 1
        if tag == "pre":
            self.in_pre -= 1
        if tag in ("ol", "ul") and self.list_stack:
            if self.list_stack.pop() == "ol":
                self.ordered.append(tuple(self.lists.pop()))  # type: ignore[arg-type]
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data: str) -> None:
        if self.in_article and not self.skip:
            self.text.append(data)
        if self.in_article and self.in_pre:
            self.pre[-1] += data


def read_article(page_html: str) -> ArticleReader:
    reader = ArticleReader()
    reader.feed(page_html)
    return reader
