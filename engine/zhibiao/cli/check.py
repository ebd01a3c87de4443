"""`zhibiao check`: the checkup (体检) of every scheme — the bounds each category and total can take over all
possible submissions, and every finding — before anyone is scored."""

from __future__ import annotations

import argparse

from .. import api
from ..errors import errors_only
from ..render.checkup import RENDERERS
from .common import Formatter, emit, repository


def cmd_check(args: argparse.Namespace) -> int:
    checkups, others = api.check(args.paths or None, repository=repository(args))
    emit(RENDERERS[args.format](checkups, others, rules=args.rules), args.output)
    problems = [p for c in checkups for p in c.problems] + others
    return 1 if errors_only(problems) else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="方案体检：每个考核类别与总分在任何填报下可能的最高、最低分，以及永远不会扣分、"
                                     "可能重复扣分、引用成环等问题",
                       formatter_class=Formatter,
                       description="在任何人被评分之前，对考核方案作体检：按事实声明的取值范围、规则上限与类别最低分，"
                                   "推算每个考核类别、每个板块总分在一切可能的填报下的范围；超出 0～满分的范围即为错误。\n"
                                   "同时列出 validate 的全部问题（含规则永远不会扣分、同一条款的规则可能重复扣分或"
                                   "互相覆盖、标准与组织的引用成环）。有错误时退出码为 1。",
                       epilog="示例：\n  zhibiao check\n  zhibiao check rules/cz-quality-season.yaml --rules\n"
                              "  zhibiao check --format json -o 体检.json")
    p.add_argument("paths", nargs="*", metavar="PATH", help="方案文件或文件夹（默认 rules/ 下的全部方案）")
    p.add_argument("--rules", action="store_true", help="另列出每条规则可能扣（或加）的分数")
    p.add_argument("--format", "-f", choices=["text", "json"], default="text", help="text：中文表格（默认）；json：数据")
    p.add_argument("-o", "--output", metavar="FILE", help="写入文件（原子写入）；不写则输出到屏幕")
    p.set_defaults(func=cmd_check)
