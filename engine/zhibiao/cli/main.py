"""`zhibiao`: Chinese help, Chinese errors at file:line:column, a non-zero exit, nothing half-written — and never a
Python traceback: anything unexpected becomes a short “内部错误” message with a report file for the maintainers."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import signal
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Sequence

from .. import __version__, stopping
from ..errors import ZhibiaoError
from ..stopping import Terminated
from ..render.markup import terminal
from . import batch, check, daily, docs, intake, operations, results, scores, serve, spark, standards, workflow
from .common import Formatter


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhibiao", formatter_class=Formatter,
        description="质标：高职院校内部质量保证体系的标准与考核方案即代码。\n"
                    "YAML 方案 → 校验 → durable-rules 规则引擎评分 → 逐条扣分说明 → 手册站点。",
        epilog="示例：\n  zhibiao validate\n  zhibiao score examples/cz-quality-season-2009.yaml\n"
               "  zhibiao score examples/cz-quality-season-2009.yaml --format json -o 结果.json\n\n"
               "每个命令的详细说明：zhibiao 命令 --help",
    )
    parser.add_argument("--version", action="version", version=f"zhibiao {__version__}", help="显示版本号并退出")
    parser.add_argument("--repo", metavar="目录", help="质标仓库（含 rules/、standards/、schemas/）；默认为当前目录所在的仓库")
    sub = parser.add_subparsers(dest="command", metavar="命令", title="命令")
    for module in (scores, check, intake, results, daily, batch, spark, serve, standards, operations, workflow, docs):
        module.register(sub)
    return parser


def _internal_error(exc: BaseException, argv: Sequence[str] | None) -> int:
    """Write the traceback to a report file and tell the user, in Chinese, where it is."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = f"zhibiao {__version__}\n命令：{' '.join(argv if argv is not None else sys.argv[1:])}\n\n" + \
        "".join(traceback.format_exception(exc))
    report = None
    for folder in (Path(".artifacts"), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f"zhibiao-内部错误-{stamp}-", suffix=".txt", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            report = name
            break
        except OSError:
            continue
    where = f"，详细报告已写入 {report}" if report else ""
    print(f"内部错误：zhibiao 遇到了意料之外的情况（{type(exc).__name__}），未输出任何结果{where}。"
          "请把这个文件和你的输入文件发给维护者。", file=sys.stderr)
    return 70


def _on_signal(parent: int):
    def handler(signum: int, frame: object) -> None:
        if os.getpid() != parent:  # a --jobs worker forked from us: the parent cleans up
            os._exit(128 + signum)
        stopping.request(Terminated if signum == signal.SIGTERM else KeyboardInterrupt)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    if sys.argv and argv is None:  # the process is ours (not a caller's or a test's): take over SIGTERM, Ctrl-C
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, _on_signal(os.getpid()))
    try:  # a stop can come while an error is being reported too: the outer handlers catch that
        return _run(args, argv)
    except Terminated:
        return _stopped("已终止：收到终止信号，临时文件已清理，没有写出不完整的结果", 128 + signal.SIGTERM)
    except KeyboardInterrupt:
        return _stopped("已中断", 130)


def _run(args: argparse.Namespace, argv: Sequence[str] | None) -> int:
    try:
        return int(args.func(args) or 0)
    except ZhibiaoError as exc:
        print(terminal(str(exc)), file=sys.stderr)  # messages quote what people typed: no terminal escapes
        return 1
    except BrokenPipeError:
        return 0
    except RecursionError as exc:  # a limit we did not foresee: still no traceback on screen
        return _internal_error(exc, argv)
    except Exception as exc:  # noqa: BLE001 — the one place every unexpected error becomes a clean message
        return _internal_error(exc, argv)


def _stopped(text: str, code: int) -> int:
    with contextlib.suppress(Terminated, KeyboardInterrupt):  # a second signal while we say so
        print(text, file=sys.stderr)
    return code

if __name__ == "__main__":
    sys.exit(main())
