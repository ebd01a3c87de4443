"""`zhibiao calendar` (工作日历: due, due soon, overdue, with an iCalendar export) and `zhibiao overlay` (a college's
extension of a provincial list, resolved, each item with its origin). Thin callers of `zhibiao.api`."""

from __future__ import annotations

import argparse
import datetime as dt

from .. import api
from ..render.calendar import RENDERERS
from ..render.operations import overlay_json, overlay_table, sampling_json, sampling_table
from .common import Formatter, add_output_options, emit, parse_date, repository


def parse_event(text: str) -> tuple[str, dt.date]:
    ident, sep, day = text.partition("=")
    try:
        if not sep or not ident:
            raise ValueError(text)
        return ident.strip(), dt.date.fromisoformat(day.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"应写成“事件标识=YYYY-MM-DD”（如 review-start=2019-05-20），实际为“{text}”") from None


def days(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为整数天数，实际为“{text}”") from None


def cmd_calendar(args: argparse.Namespace) -> int:
    cal = api.calendar(args.as_of, department=args.dept or "", institution=args.institution or "",
                       events=dict(args.event or []), horizon=args.within, lookback=args.lookback,
                       repository=repository(args))
    emit(RENDERERS[args.format](cal), args.output)
    return 0


def cmd_overlay(args: argparse.Namespace) -> int:
    resolved = api.overlay(args.overlay, repository=repository(args))
    emit(overlay_json(resolved) if args.format == "json" else overlay_table(resolved), args.output)
    return 0


def cmd_sampling(args: argparse.Namespace) -> int:
    plan = api.sampling(args.colleges, args.year, repository=repository(args))
    emit(sampling_json(plan) if args.format == "json" else sampling_table(plan), args.output)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("calendar", help="工作日历：某一天到期、即将到期、进行中与逾期（预警）的事项，可导出 .ics",
                       formatter_class=Formatter,
                       description="由 standards/timetables/ 中各源文件的进度与职责算出某一天的工作日历：\n"
                                   "逾期（预警）、今天到期、即将到期、进行中的事项与阶段；截止日含当日。\n"
                                   "状态由规则引擎判定；随事件而定的事项（如复核开始前30日公示）用 --event 给出事件日期。",
                       epilog="示例：\n  zhibiao calendar --as-of 2009-11-05\n"
                              "  zhibiao calendar --as-of 2009-11-05 --dept 督导室\n"
                              "  zhibiao calendar --as-of 2019-04-15 --event review-start=2019-05-20\n"
                              "  zhibiao calendar --as-of 2018-12-01 --within 365 --format ics -o 工作日历.ics")
    p.add_argument("--as-of", type=parse_date, metavar="DATE", help="查看哪一天（YYYY-MM-DD，默认今天）")
    p.add_argument("--dept", metavar="部门", help="只看某个部门负责或接收的事项（“各部门”等群体按成员展开）")
    p.add_argument("--institution", metavar="机构", help="只看某个机构的事项（机构标识，如 cz、gzqg、gd）")
    p.add_argument("--event", type=parse_event, action="append", metavar="事件=日期",
                   help="事件的日期，可写多次，如 review-start=2019-05-20（复核工作开始）")
    p.add_argument("--within", type=days, default=30, metavar="天数", help="多少天内到期算“即将到期”（默认 30）")
    p.add_argument("--lookback", type=days, default=30, metavar="天数", help="逾期多少天内仍列出预警（默认 30）")
    add_output_options(p, ("table", "json", "ics"))
    p.set_defaults(func=cmd_calendar)

    p = sub.add_parser("overlay", help="校本扩展：把院校的扩展文件应用到上级清单上，列出每一项及其来源",
                       formatter_class=Formatter,
                       description="校验院校的扩展文件（kind: overlay）：只能增加、收紧，不能删除上级的必选项；\n"
                                   "通过后列出扩展后的清单，每一项注明来自哪个机构（国家/省/校）与哪份文件。",
                       epilog="示例：\n  zhibiao overlay examples/st-diagnosis-elements.yaml\n"
                              "  zhibiao overlay examples/st-diagnosis-elements.yaml --format json -o 扩展后清单.json")
    p.add_argument("overlay", metavar="FILE", help="扩展文件（YAML），见 examples/st-diagnosis-elements.yaml")
    add_output_options(p, ("table", "json"))
    p.set_defaults(func=cmd_overlay)

    p = sub.add_parser("sampling", help="省级抽样复核：某年所在的三年周期、本周期至少复核几所、名单最迟公布日",
                       formatter_class=Formatter,
                       description="按复核程序（004）：每3年抽样复核的学校数不少于总数的1/4，首轮2018年；\n"
                                   "每年12月31日之前公布下一年度接受复核的院校名单。",
                       epilog="示例：\n  zhibiao sampling --colleges 88 --year 2019")
    p.add_argument("--colleges", type=days, required=True, metavar="所数", help="全省独立设置的高职院校总数")
    p.add_argument("--year", type=days, required=True, metavar="年份", help="复核年份，如 2019")
    add_output_options(p, ("table", "json"))
    p.set_defaults(func=cmd_sampling)
