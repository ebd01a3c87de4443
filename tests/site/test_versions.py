"""Controlled documents, versioned (issue 15, item 5): the handbook is published per release with a version
selector, and every generated page shows the versions of its YAML document that git holds and what changed.

A copy of the repository is made a git repository with two releases: 1.0, then a commit that changes one
deduction (study-2: 0.5 → 0.7) with a new version and revision record, released as 1.1. Both are published with
the project's own script (.ci/publish-handbook: mike into the local gh-pages branch, nothing pushed, a PDF in
each version). The gh-pages tree is then served and opened in Chromium.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Iterator

import pytest
from browser_support import Browser, serve
from handbook_support import REPO, copy_repo

from zhibiao.site.printing import PDF_NAME, PRINT_DIR

SCHEME = "rules/cz-quality-season.yaml"
ENV = {**os.environ, "GIT_AUTHOR_NAME": "质量办", "GIT_AUTHOR_EMAIL": "qa@college.example",
       "GIT_COMMITTER_NAME": "质量办", "GIT_COMMITTER_EMAIL": "qa@college.example",
       "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}"}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env=ENV, capture_output=True, text=True, check=True).stdout


def publish(root: Path, version: str) -> None:
    done = subprocess.run([str(root / ".ci" / "publish-handbook"), version], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def bump(text: str) -> str:
    """study-2 from 0.5 to 0.7 points, a new minor version and its revision record."""
    text, n = re.subn(r"(- id: study-2\n(?:(?!\s*- id:).*\n)*?\s*amount: )0\.5", r"\g<1>0.7", text, count=1)
    assert n == 1
    old = re.search(r"^version: (\d+)\.(\d+)\.(\d+)$", text, re.M)
    new = f"{old.group(1)}.{int(old.group(2)) + 1}.0"
    text = text.replace(old.group(0), f"version: {new}", 1)
    entry = f"  - {{version: {new}, date: 2026-12-01, author: 考核工作小组, summary: 学习讨论缺席每人扣0.7分。}}\n"
    return re.sub(r"(^revisions:\n(?:  - .*\n|    .*\n)*)", lambda m: m.group(1) + entry, text, count=1, flags=re.M)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    root = copy_repo(tmp_path_factory.mktemp("release") / "repo")
    shutil.copytree(REPO / ".ci", root / ".ci")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "第一版")
    publish(root, "1.0")
    path = root / SCHEME
    path.write_text(bump(path.read_text(encoding="utf-8")), encoding="utf-8")
    git(root, "commit", "-q", "-am", "学习讨论缺席扣分改为0.7")
    publish(root, "1.1")
    site = root.parent / "gh-pages"
    archive = root.parent / "gh-pages.tar"
    subprocess.run(["git", "archive", "-o", str(archive), "gh-pages"], cwd=root, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(site, filter="data")
    yield root, site


def test_every_release_is_kept_with_its_own_pdf(published: tuple[Path, Path]) -> None:
    root, site = published
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("1.1", ["latest"]), ("1.0", [])]
    assert "main" in git(root, "branch", "--list", "main") and git(root, "remote") == ""  # nothing was pushed
    for version in ("1.0", "1.1"):
        pdf = site / version / PRINT_DIR / PDF_NAME
        text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert f"版本 {version}" in text, version  # the paper copy says which release it is


def test_each_release_shows_the_rules_it_was_published_with(published: tuple[Path, Path]) -> None:
    _, site = published

    def row(version: str) -> str:
        page = (site / version / "schemes" / "cz-quality-season" / "index.html").read_text(encoding="utf-8")
        return page.split('<tr id="study-2">', 1)[1].split("</tr>", 1)[0]

    assert "扣 0.5 分" in row("1.0") and "扣 0.7 分" in row("1.1")


def test_a_page_lists_its_documents_versions_and_what_changed(published: tuple[Path, Path]) -> None:
    _, site = published
    page = (site / "1.1" / "schemes" / "cz-quality-season" / "index.html").read_text(encoding="utf-8")
    history = page.split('id="版本历史"', 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", history, re.S)[1:]
    assert len(rows) == 2  # two versions of the scheme in git
    newest, first = rows
    assert "1.1.0" in newest and "学习讨论缺席每人扣0.7分。" in newest
    assert "study-2 扣分分值：0.5 → 0.7" in newest and "版本：1.0.1 → 1.1.0" in newest
    assert "首次提交" in first
    old = (site / "1.0" / "schemes" / "cz-quality-season" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<tr>", old.split('id="版本历史"', 1)[1])) == 2  # 1.0 knew only its own version


def test_version_selector_switches_between_releases(published: tuple[Path, Path]) -> None:
    _, site = published
    browser = Browser()
    try:
        with serve(site) as base:
            tab = browser.tab()
            tab.open(base)  # mike's index redirects to the default version
            tab.session.wait_for("location.pathname.startsWith('/latest/') || location.pathname.startsWith('/1.1/')")
            tab.open(base + "latest/schemes/cz-quality-season/")
            tab.session.wait_for("!!document.querySelector('.md-version__current')")
            assert tab.evaluate("document.querySelector('.md-version__current').innerText.trim()") == "1.1"
            links = tab.evaluate("[...document.querySelectorAll('.md-version__link')]"
                                 ".map(a => [a.innerText.trim(), a.getAttribute('href')])")
            assert [text for text, _ in links][:2] == ["1.1", "1.0"], links
            tab.evaluate("document.querySelector('.md-version__current').focus()")
            tab.screenshot("version-selector.png")
            tab.evaluate("[...document.querySelectorAll('.md-version__link')].find(a => a.innerText.trim() === '1.0').click()")
            tab.session.wait_for("location.pathname.startsWith('/1.0/')")  # the reader is now in release 1.0
            tab.open(base + "1.0/schemes/cz-quality-season/")
            tab.session.wait_for("!!document.querySelector('.md-version__current')")
            assert tab.evaluate("document.querySelector('.md-version__current').innerText.trim()") == "1.0"
            assert "扣 0.5 分" in tab.evaluate("document.getElementById('study-2').innerText")
        assert browser.external_requests() == [], browser.external_requests()
    finally:
        browser.close()
