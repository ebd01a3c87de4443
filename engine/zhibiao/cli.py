"""`zhibiao` command line: Chinese help, Chinese errors at file:line:column, non-zero exit, nothing half-written."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Sequence

from . import __version__
from .errors import ZhibiaoError, errors_only

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
}
argparse._ = lambda s: _ZH.get(s, s)  # type: ignore[attr-defined]  # argparse looks its words up here

PLUGINS = ("zhibiao.standards.commands", "zhibiao.site.commands", "zhibiao.workflow.commands")


class Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD，实际为“{text}”") from None


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"应为数字，实际为“{text}”") from None


def emit(text: str, output: str | None) -> None:
    """Print, or write the file atomically (the previous file stays intact if anything fails)."""
    if output:
        from .output import write_atomic

        write_atomic(output, text)
        print(f"已写出 {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def add_output_options(p: argparse.ArgumentParser, formats: Sequence[str] = ("table", "json", "csv")) -> None:
    p.add_argument("--format", "-f", choices=list(formats), default=formats[0],
                   help=f"输出格式：{'、'.join(formats)}（默认 {formats[0]}：适合终端阅读的中文表格）")
    p.add_argument("-o", "--output", metavar="FILE", help="写入文件（原子写入：出错时不留下半截文件）；不写则输出到屏幕")


def cmd_score(args: argparse.Namespace) -> int:
    from .reports import RENDERERS, render_table
    from .run import score_file

    if args.explain:
        return _explain(args)
    run = score_file(args.facts, args.scheme, args.as_of, args.year_end_weight)
    if args.format == "table":
        text = render_table(run, details=not args.brief)
    elif args.format == "markdown":
        text = RENDERERS["markdown"](run, args.site or "")
    else:
        text = RENDERERS[args.format](run)
    emit(text, args.output)
    return 0


def _explain(args: argparse.Namespace) -> int:
    from .explain import explain_subject, pick_subject
    from .run import resolve_scheme, score_with
    from .submission import read_header, read_submission

    scheme = resolve_scheme(args.facts, args.scheme)
    sub = read_submission(read_header(args.facts)[0], scheme)
    subject = pick_subject(sub.subjects, args.explain, args.facts)
    run = score_with(args.facts, scheme, args.as_of, args.year_end_weight, sub)
    emit(explain_subject(run, scheme, subject, run.as_of), args.output)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate

    paths = [Path(p) for p in args.paths] if args.paths else None
    problems, count = validate(paths, base=args.base)
    for p in problems:
        print(p, file=sys.stderr if p.severity == "error" else sys.stdout)
    errors = errors_only(problems)
    warnings = len(problems) - len(errors)
    if errors:
        print(f"校验未通过：{count} 个文件，{len(errors)} 个错误，{warnings} 个警告", file=sys.stderr)
        return 1
    if args.strict and warnings:
        print(f"校验未通过（--strict）：{count} 个文件，{warnings} 个警告", file=sys.stderr)
        return 1
    print(f"校验通过：{count} 个文件，0 个错误，{warnings} 个警告")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from .coverage import load_fired, report, uncovered

    try:
        fired = load_fired(args.file)
    except FileNotFoundError:
        print(f"找不到覆盖记录文件 {args.file or '.artifacts/rule-coverage.json'}：请先运行中文场景（python -m pytest features）",
              file=sys.stderr)
        return 2
    print(report(fired), end="")
    missing = uncovered(fired)
    if missing:
        print(f"有 {len(missing)} 条规则没有任何场景覆盖：{'、'.join(r.key for r in missing)}", file=sys.stderr)
        return 1
    return 0


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
    sub = parser.add_subparsers(dest="command", metavar="命令", title="命令")

    p = sub.add_parser("score", help="按考核方案为填报的事实评分，给出总分、类别得分、排名、奖项和每一条扣分的依据",
                       formatter_class=Formatter, description="按考核方案为填报文件中的每个考核对象评分。")
    p.add_argument("facts", metavar="FACTS", help="填报文件（YAML 或 JSON），见 examples/")
    p.add_argument("--scheme", metavar="ID[@VERSION]", help="使用的考核方案（默认取填报文件中的 scheme），可指定版本，如 cz-quality-season@1.0.0")
    p.add_argument("--as-of", type=_date, metavar="DATE", help="按该日期有效的分值和参数评分（默认：考核期最后一天）")
    p.add_argument("--year-end-weight", type=_decimal, metavar="比例", help="计入年终考核的比例，如 0.2（方案未规定比例）")
    p.add_argument("--brief", action="store_true", help="表格格式下只显示汇总，不列扣分明细")
    p.add_argument("--explain", metavar="考核对象", help="逐条说明一个考核对象：每条规则扣了没有、为什么（含未扣分的条款）")
    p.add_argument("--site", metavar="URL", help="markdown 格式下，把规则标识链接到该地址的手册站点（如 https://手册地址/）")
    add_output_options(p, ("table", "json", "csv", "markdown"))
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("validate", help="校验 rules/ 与 standards/ 下的 YAML：先模式、后语义，逐条报告 文件:行:列",
                       formatter_class=Formatter, description="校验考核方案与标准文件。不指定路径时校验 rules/ 和 standards/。")
    p.add_argument("paths", nargs="*", metavar="PATH", help="要校验的文件或文件夹")
    p.add_argument("--strict", action="store_true", help="有警告也算不通过")
    p.add_argument("--base", metavar="REV", help="与 git 版本 REV（如 main）比较：内容有改动的文件必须提高版本并补充修订记录")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("coverage", help="规则覆盖报告：哪些规则被中文场景执行过（类似 opa test --coverage）",
                       formatter_class=Formatter,
                       description="读取运行中文场景时记录的规则命中情况，列出每条规则是否被覆盖；有未覆盖的规则时退出码为 1。")
    p.add_argument("--file", metavar="FILE", help="覆盖记录文件（默认 .artifacts/rule-coverage.json，运行 pytest features 时生成）")
    p.set_defaults(func=cmd_coverage)

    for name in PLUGINS:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue
            raise
        register: Callable[[argparse._SubParsersAction], None] = getattr(mod, "register")
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except ZhibiaoError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
