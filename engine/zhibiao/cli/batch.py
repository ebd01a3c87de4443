"""`zhibiao batch`: score a submission of any size, file in → file out, on one core or several."""

from __future__ import annotations

import argparse
import os
import sys
import time

from .. import api
from .common import Formatter, parse_date, parse_decimal, repository
from .results import add_previous_options, previous_from
from .progress import bars


def cmd_batch(args: argparse.Namespace) -> int:
    repo = repository(args)
    started = time.perf_counter()
    with bars(args.quiet) as progress:
        summary = api.score_file(args.facts, args.output, args.scheme, as_of=args.as_of,
                                 year_end_weight=args.year_end_weight, jobs=args.jobs, format=args.format,
                                 repository=repo, progress=progress, previous_from=previous_from(args, repo),
                                 previous_match=args.previous_match)
    seconds = time.perf_counter() - started
    blocks = "、".join(f"{b}板块 {n:,} 个" for b, n in summary.blocks.items())
    if not args.quiet:
        print(f"已写出 {summary.output}：{summary.count:,} 个考核对象（{blocks}），方案 {summary.scheme} "
              f"{summary.version}，评分日期 {summary.as_of.isoformat()}，{summary.jobs} 个进程，用时 {seconds:.1f} 秒",
              file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch", help="大批量评分（全校、全省）：逐个读入、逐个评分、边算边写，内存不随考核对象数增长；可多进程",
        formatter_class=Formatter,
        description="为任意规模的填报评分，结果写入文件（含排名、奖项与每一笔扣分的依据）。\n"
                    "填报可以是 JSON（与 score 相同的结构）或 JSON Lines（.jsonl：第一行为填报头，其后每行一个考核对象）。\n"
                    "结果默认为 JSON Lines（第一行为结果头，其后每行一个考核对象，顺序与填报相同）；输出文件名以 .json\n"
                    "结尾时写成与 `score --format json` 相同结构的 JSON。任何一个考核对象有错误时不写出任何文件。",
        epilog="示例：\n  zhibiao batch 全省填报.jsonl -o 结果.jsonl --jobs 2\n"
               "  zhibiao batch 填报.json -o 结果.json")
    p.add_argument("facts", metavar="FACTS", help="填报文件（.json 或 .jsonl）")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="结果文件（.jsonl 或 .json）；原子写入")
    p.add_argument("--format", "-f", choices=["jsonl", "json"], help="结果格式（默认按输出文件名：.json 为 json，其余为 jsonl）")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help=f"评分进程数（默认 1；本机有 {os.cpu_count() or 1} 个处理器核心）；结果与单进程逐字节相同")
    p.add_argument("--scheme", metavar="ID[@VERSION]", help="使用的考核方案（默认取填报文件中的 scheme）")
    p.add_argument("--as-of", type=parse_date, metavar="DATE", help="按该日期有效的分值和参数评分（默认：考核期最后一天）")
    p.add_argument("--year-end-weight", type=parse_decimal, metavar="比例", help="计入年终考核的比例，0～1")
    p.add_argument("--quiet", "-q", action="store_true", help="不显示进度与汇总")
    add_previous_options(p)
    p.set_defaults(func=cmd_batch)
