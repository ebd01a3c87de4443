"""`zhibiao spark`: score a partitioned dataset on Apache Spark (optional extra `spark`, Java 17+).

Under spark-submit, the entry point is `zhibiao/cli/spark_submit.py` (a script: spark-submit runs a file):

    spark-submit --master yarn "$(python -c 'import zhibiao.cli.spark_submit as m; print(m.__file__)')" 全省/ -o 结果/
"""

from __future__ import annotations

import argparse
import sys
import time

from ..errors import Location, Problem, UsageError
from ..spark import job
from .common import Formatter, parse_date, parse_decimal, repository


def cmd_spark(args: argparse.Namespace) -> int:
    try:
        import pyspark  # noqa: F401 — optional extra: pip install 'zhibiao[spark]'
    except ModuleNotFoundError:
        raise UsageError([Problem.of("service.extra-missing", Location("zhibiao spark"), extra="spark",
                                     packages="pyspark，另需 Java 17 以上")]) from None
    repo = repository(args)
    started = time.perf_counter()
    summary = job.score_dataset(repo, args.dataset, args.output, scheme=args.scheme, as_of=args.as_of,
                                year_end_weight=args.year_end_weight, master=args.master,
                                partitions=args.partitions)
    blocks = "、".join(f"{b}板块 {n:,} 个" for b, n in summary.blocks.items())
    if not args.quiet:
        print(f"已写出 {summary.output}：{summary.count:,} 个考核对象（{blocks}），方案 {summary.scheme} "
              f"{summary.version}，评分日期 {summary.as_of.isoformat()}，Spark 并行度 {summary.jobs}，"
              f"用时 {time.perf_counter() - started:.1f} 秒", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "spark", help="在 Apache Spark 上为分片的数据集评分（全省数据中心；需安装可选组件 spark 与 Java）",
        formatter_class=Formatter,
        description="在 Spark 集群（或本机 local[N]）上为大批量填报评分，结果与 zhibiao batch 逐个考核对象相同，排名与奖项也相同。\n"
                    "输入：数据集目录（header.json 为填报头，*.jsonl 分片每行一个考核对象，按文件名顺序），\n"
                    "或一个 JSON Lines 填报文件。输出：以 .jsonl 结尾时写成一个文件（与 zhibiao batch 相同）；\n"
                    "否则为一个目录（header.json 为结果头，part-* 分片按输入顺序）。任何一个考核对象有错误时不写出结果。",
        epilog="示例：\n  zhibiao spark 全省填报/ -o 结果.jsonl --master local[2]\n"
               "  spark-submit --master yarn …/zhibiao/cli/spark_submit.py 全省填报/ -o 结果/")
    p.add_argument("dataset", metavar="DATASET", help="数据集目录（header.json 与 *.jsonl）或 .jsonl 填报文件")
    p.add_argument("-o", "--output", metavar="PATH", required=True, help="结果：.jsonl 文件或（不存在的）目录")
    p.add_argument("--master", metavar="URL", help="Spark 主节点（如 local[2]、yarn、spark://主机:7077）；"
                                                   "默认取 spark-submit 或 Spark 配置中的设置")
    p.add_argument("--partitions", type=int, metavar="N", help="每个输入文件至少分成的分区数（默认为 Spark 的默认并行度）")
    p.add_argument("--scheme", metavar="ID[@VERSION]", help="使用的考核方案（默认取填报头中的 scheme）")
    p.add_argument("--as-of", type=parse_date, metavar="DATE", help="按该日期有效的分值和参数评分（默认：考核期最后一天）")
    p.add_argument("--year-end-weight", type=parse_decimal, metavar="比例", help="计入年终考核的比例，0～1")
    p.add_argument("--quiet", "-q", action="store_true", help="不显示汇总")
    p.set_defaults(func=cmd_spark)

