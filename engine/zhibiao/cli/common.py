"""What every command shares: Chinese argparse, option parsers, the repository to work in, output."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Sequence

from ..render.output import write_atomic
from ..repository import Repository

_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "无效的%(type)s值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
}
argparse._ = lambda s: _ZH.get(s, s)  # type: ignore[attr-defined]  # argparse looks its words up here


class Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD，实际为“{text}”") from None


def parse_decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"应为数字，实际为“{text}”") from None
    if not value.is_finite() or abs(value.adjusted()) > 15:
        raise argparse.ArgumentTypeError(f"应为有限的普通数字，实际为“{text}”")
    return value


def repository(args: argparse.Namespace) -> Repository:
    """--repo DIR, else ZHIBIAO_ROOT, else the repository the working directory is in, else the bundled one."""
    if getattr(args, "repo", None):
        return Repository(args.repo)
    return Repository.discover(Path.cwd())


def emit(text: str, output: str | None) -> None:
    """Print, or write the file atomically (the previous file stays intact if anything fails)."""
    if output:
        write_atomic(output, text)
        print(f"已写出 {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def add_output_options(p: argparse.ArgumentParser, formats: Sequence[str] = ("table", "json", "csv")) -> None:
    p.add_argument("--format", "-f", choices=list(formats), default=formats[0],
                   help=f"输出格式：{'、'.join(formats)}（默认 {formats[0]}：适合终端阅读的中文表格）")
    p.add_argument("-o", "--output", metavar="FILE", help="写入文件（原子写入：出错时不留下半截文件）；不写则输出到屏幕")
