"""`zhibiao template`: the Excel/WPS workbook a scheme is filled in with."""

from __future__ import annotations

import argparse
import sys

from .. import api
from ..intake.layout import OPEN_ROWS
from ..render.output import write_atomic
from .common import Formatter, parse_date, repository


def cmd_template(args: argparse.Namespace) -> int:
    repo = repository(args)
    data = api.template(args.scheme, repository=repo, college=args.college or "", period_name=args.period_name or "",
                        start=args.start, end=args.end, filled=args.filled, rows=args.rows)
    write_atomic(args.output, data)
    scheme = repo.scheme(args.scheme)
    print(f"已写出 {args.output}：{scheme.meta.title}（{scheme.id} 版本 {scheme.version}）的填报模板。\n"
          f"填好后检查：zhibiao validate {args.output}；评分：zhibiao score {args.output}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("template", help="生成 Excel/WPS 填报模板（.xlsx）：每个板块一张工作表，表头附填报口径，下拉列表与数据校验",
                       formatter_class=Formatter,
                       description="由考核方案生成填报用的 Excel 工作簿：\n"
                                   "  说明：方案标识、版本与规则哈希，考核期与学校（可预先填好），填写方法；\n"
                                   "  每个板块一张工作表：每个考核对象一行、每项事实一列（中文名称与单位），"
                                   "表头批注为填报口径；\n"
                                   "  每个记录清单一张工作表：每条记录一行。\n"
                                   "是/否 为下拉列表，数字、百分比、日期有校验；表头与考核对象名称锁定（不设密码）。",
                       epilog="示例：\n  zhibiao template cz-quality-season -o 填报模板.xlsx\n"
                              "  zhibiao template cz-quality-season@1.0.1 --period-name 2010年质量管理季 "
                              "--start 2010-10-15 --end 2011-01-15 -o 2010填报.xlsx\n"
                              "  zhibiao template cz-quality-season --filled examples/cz-quality-season-2009.yaml -o 2009.xlsx")
    p.add_argument("scheme", metavar="SCHEME[@VERSION]", help="考核方案标识，可指定版本，如 cz-quality-season@1.0.1")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="写到该文件（.xlsx；原子写入）")
    p.add_argument("--college", metavar="学校", help="预先填好学校名称")
    p.add_argument("--period-name", metavar="名称", help="预先填好考核期名称，如 2010年质量管理季")
    p.add_argument("--start", type=parse_date, metavar="DATE", help="预先填好考核期开始日期 YYYY-MM-DD")
    p.add_argument("--end", type=parse_date, metavar="DATE", help="预先填好考核期结束日期 YYYY-MM-DD")
    p.add_argument("--filled", metavar="FILE", help="把已有的填报（YAML、JSON 或工作簿，如上一期的）写入模板")
    p.add_argument("--rows", type=int, default=OPEN_ROWS, metavar="N",
                   help=f"记录清单与开放名单的工作表预留的空行数（默认 {OPEN_ROWS}，可在 Excel 中再插入）")
    p.set_defaults(func=cmd_template)
