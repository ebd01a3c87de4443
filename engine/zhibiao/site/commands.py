"""`zhibiao docs [-o DIR]`: write the handbook as plain Markdown files, without MkDocs.

The output holds the generated pages and the hand-written chapters with their placeholders filled in, so any
Markdown site generator (or a reader of plain files) gets the same content as the MkDocs build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..errors import UsageError, Location, Problem
from .manual import substitute
from .site import render

DEFAULT_OUTPUT = "build/handbook"


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(root: Path, output: Path, repo_url: str | None = None, docs_dir: str = "docs") -> tuple[int, list[str]]:
    """Write every page under `output`; return the number of files and the problems found."""
    site = render(root, repo_url=repo_url)
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


def _repo_url(root: Path) -> str | None:
    """repo_url from mkdocs.yml, read as text (no YAML tags needed) so the command works without MkDocs."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        return None
    for line in config.read_text(encoding="utf-8").splitlines():
        if line.startswith("repo_url:"):
            return line.split(":", 1)[1].strip() or None
    return None


def run(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    if not (root / "rules").is_dir() and not (root / "standards").is_dir():
        raise UsageError([Problem(Location(str(root)), "这里没有 rules/ 或 standards/ 目录，请用 --root 指定仓库根目录")])
    output = Path(args.output)
    count, problems = export(root, output, repo_url=args.repo_url or _repo_url(root))
    for p in problems:
        print(p, file=sys.stderr)
    print(f"已写出 {count} 个文件到 {output}" + (f"，发现 {len(problems)} 个问题" if problems else ""))
    return 1 if problems else 0


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add `docs` to the `zhibiao` command (called from zhibiao.cli)."""
    parser = subparsers.add_parser(
        "docs",
        help="把标准库与质量手册写成 Markdown 文件（与站点内容相同，不依赖 MkDocs）",
        description="由 rules/ 与 standards/ 中的受控 YAML 生成手册页面（考核方案、填报口径、标准库、诊断表、"
                    "修订记录等），连同填好占位符的手写章节，一并写成 Markdown 文件。",
    )
    parser.add_argument("-o", "--output", default=DEFAULT_OUTPUT, metavar="目录",
                        help=f"输出目录（默认 {DEFAULT_OUTPUT}）；文件逐个原子写入")
    parser.add_argument("--root", default=".", metavar="目录", help="仓库根目录（含 rules/、standards/、docs/），默认当前目录")
    parser.add_argument("--repo-url", default=None, metavar="地址",
                        help="代码仓库地址，用于页面上指向 YAML 文件的链接（默认读取 mkdocs.yml 的 repo_url）")
    parser.set_defaults(func=run)
    return parser
