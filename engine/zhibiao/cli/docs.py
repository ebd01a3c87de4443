"""`zhibiao docs [-o DIR]`: the handbook as plain Markdown files, without MkDocs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..site.commands import DEFAULT_OUTPUT, export, repo_url
from ..repository import Repository
from ..store.config import STORE
from .common import parse_date, repository


def cmd_docs(args: argparse.Namespace) -> int:
    root = Repository(args.root).root if args.root else repository(args).root
    output = Path(args.output)
    results = None if args.results is None else [
        x if x == STORE or "://" in x else str(Path(x).resolve()) for x in args.results]
    count, problems = export(root, output, repo_url=args.repo_url or repo_url(root), results=results,
                             tasks=args.tasks, as_of=args.as_of)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"已写出 {count} 个文件到 {output}" + (f"，发现 {len(problems)} 个问题" if problems else ""))
    return 1 if problems else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "docs",
        help="把标准库与质量手册写成 Markdown 文件（与站点内容相同，不依赖 MkDocs）",
        description="由 rules/ 与 standards/ 中的受控 YAML 生成手册页面（考核方案、填报口径、标准库、诊断表、"
                    "修订记录等），连同填好占位符的手写章节，一并写成 Markdown 文件。",
    )
    parser.add_argument("-o", "--output", default=DEFAULT_OUTPUT, metavar="目录",
                        help=f"输出目录（默认 {DEFAULT_OUTPUT}）；文件逐个原子写入")
    parser.add_argument("--root", default=None, metavar="目录", help="仓库根目录（含 rules/、standards/、docs/），默认当前所在的仓库")
    parser.add_argument("--repo-url", default=None, metavar="地址",
                        help="代码仓库地址，用于页面上指向 YAML 文件的链接（默认读取 mkdocs.yml 的 repo_url）")
    parser.add_argument("--results", action="append", default=None, metavar="来源",
                        help="“考核结果”页面读哪里的评分：store（结果库，见 zhibiao.toml 的 [results]）、数据库地址，"
                             "或 zhibiao score --format json -o 写出的结果文件；可重复。默认读 zhibiao.toml 的 "
                             "[site] results（或环境变量 ZHIBIAO_SITE_RESULTS）")
    parser.add_argument("--tasks", action="append", default=None, metavar="来源",
                        help="“整改任务”页面除 tasks/ 中的登记外，还列出哪个结果库中的整改任务：store（zhibiao.toml 的 "
                             "[results] 结果库）或数据库地址；可重复。默认读 zhibiao.toml 的 [site] tasks（或环境变量 "
                             "ZHIBIAO_SITE_TASKS），不写则不列出")
    parser.add_argument("--as-of", type=parse_date, default=None, metavar="DATE",
                        help="按哪一天计算整改任务是否逾期（YYYY-MM-DD）；默认 zhibiao.toml 的 [site] as_of（或环境变量 "
                             "ZHIBIAO_SITE_AS_OF），再默认为今天")
    parser.set_defaults(func=cmd_docs)
