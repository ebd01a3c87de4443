"""`zhibiao review` and `zhibiao indicators`: evaluate submissions against the standards, like `zhibiao score`."""

from __future__ import annotations

import argparse
from typing import Any

from .. import api
from ..render.standards import INDICATORS, REVIEW
from .common import Formatter, add_output_options, emit, repository


def cmd_review(args: argparse.Namespace) -> int:
    overrides: dict[str, Any] = {}
    if args.abnormal_combination:
        overrides["abnormal_combination"] = args.abnormal_combination
    results = api.review(args.submission, procedure=args.procedure, overrides=overrides, repository=repository(args))
    emit(REVIEW[args.format](results), args.output)
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    results = api.indicators(args.submission, objectives=args.objectives, repository=repository(args))
    emit(INDICATORS[args.format](results), args.output)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="按广东省复核程序判定复核结论（有效/异常/待改进）及其后果、改进期",
                       formatter_class=Formatter,
                       description="读取复核填报（每所院校15项诊断要素的比对结果、改进措施评价、以往复核结论），"
                                   "由规则引擎判定复核结论与后果，并说明依据。",
                       epilog="示例：\n  zhibiao review examples/review-2019.yaml\n"
                              "  zhibiao review examples/review-2019.yaml --abnormal-combination all --format json -o 复核.json")
    p.add_argument("submission", metavar="FILE", help="复核填报文件（YAML 或 JSON），见 examples/review-*.yaml")
    p.add_argument("--procedure", metavar="FILE", help="复核程序文件（默认 standards/review-procedure.yaml）")
    p.add_argument("--abnormal-combination", choices=["any", "all"],
                   help="“异常”两项条件（相符＜10项；措施针对性不强、力度不够）的组合：any 任一成立（默认，见 standards/DECISIONS.md）、all 同时成立")
    add_output_options(p)
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("indicators", help="按质量目标判定各指标状态（达标/预警/未达标）并说明依据",
                       formatter_class=Formatter,
                       description="读取指标填报（各指标的当前值），按目标值/标准值/预警值由规则引擎判定状态。",
                       epilog="示例：\n  zhibiao indicators examples/indicators-2010.yaml\n"
                              "  zhibiao indicators examples/indicators-2010.yaml --format csv -o 指标.csv")
    p.add_argument("submission", metavar="FILE", help="指标填报文件（YAML 或 JSON），见 examples/indicators-*.yaml")
    p.add_argument("--objectives", metavar="FILE", help="质量目标文件（默认按填报中的 objectives 标识在 standards/ 中查找）")
    add_output_options(p)
    p.set_defaults(func=cmd_indicators)
