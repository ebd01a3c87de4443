"""`zhibiao daily`: 日常考核 from the command line — report a file of facts and records, read the running result
or the reports received (the same `api.report_facts` / `api.running` / `api.daily_reports` the service calls)."""

from __future__ import annotations

import argparse
import json

from .. import api
from ..errors import Location, Problem, UsageError
from ..numbers import fmt
from ..render.output import table
from ..service.daily import report_data, running_data, standings_data
from .common import Formatter, emit, repository
from .results import add_db_option


def _text(outcome: api.RunningResult) -> str:
    s = outcome.state
    who = f"{s.name}（编号 {s.subject}）" if s.name and s.name != s.subject else s.subject
    head = f"{who}（{s.scheme}，考核期 {s.period}）：已收到 {s.seq} 次报送"
    if outcome.report is not None:
        head += f"；本次为第 {outcome.report.seq} 次" if outcome.created else \
            f"；报送编号“{outcome.report.report_id}”已于第 {outcome.report.seq} 次收到，未重复计入"
    if outcome.result is None:
        return head + "\n尚不能评分：\n" + "\n".join(f"  {p.message}" for p in outcome.pending) + "\n"
    trace = api.explain(outcome.result, outcome.result.subjects[0].name)
    return f"{head}；当前得分 {fmt(outcome.result.subjects[0].total)}\n\n" + api.render_trace(trace, "text")


def _standings_text(s: api.PeriodStandings) -> str:
    head = f"{s.scheme} 考核期 {s.period}：{len(s.states)} 个考核对象收到过报送，{len(s.states) - len(s.incomplete)} 个参加评分"
    out = [head]
    if s.incomplete:
        out += ["", "尚缺事实、未参加评分："] + [f"  {state.name or state.subject}（{state.block}板块，已收到 {state.seq} 次报送）："
                                           + "；".join(p.message for p in missing) for state, missing in s.incomplete]
    if s.result is not None:
        out += ["", api.render(s.result, "table").rstrip("\n")]
    return "\n".join(out) + "\n"


def cmd_daily(args: argparse.Namespace) -> int:
    repo = repository(args)
    store = api.open_store(args.db, repository=repo)
    if args.standings:
        if args.subject is not None:
            raise UsageError([Problem.of("daily.standings-subject", Location("--standings"), actual=args.subject)])
        standings = api.daily_standings(args.scheme, args.period, store=store, repository=repo)
        emit(json.dumps(standings_data(standings, False), ensure_ascii=False, indent=2) + "\n"
             if args.format == "json" else _standings_text(standings), args.output)
        return 0
    if args.subject is None:
        raise UsageError([Problem.of("daily.subject-needed", Location("考核对象"))])
    where = (args.scheme, args.period, args.subject)
    if args.log:
        reports = api.daily_reports(*where, store=store, repository=repo)
        if args.format == "json":
            text = json.dumps([report_data(r) for r in reports], ensure_ascii=False, indent=2) + "\n"
        else:
            text = table(["次", "收到时间", "报送人", "编号", "方式", "阶段", "报送后总分"],
                         [[str(r.seq), r.received_at, r.received_by, r.report_id or "", r.mode, r.stage,
                           "尚缺事实" if r.total is None else fmt(r.total)] for r in reports])
        emit(text, args.output)
        return 0
    if args.add or args.set:
        outcome = api.report_facts(*where, args.add or args.set, mode="add" if args.add else "set", by=args.by,
                                   store=store, repository=repo)
    else:
        outcome = api.running(*where, store=store, repository=repo)
    emit(json.dumps(running_data(outcome, True), ensure_ascii=False, indent=2) + "\n" if args.format == "json"
         else _text(outcome), args.output)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("daily", help="日常考核：报送一次检查的事实与记录，查看考核对象的当前得分与收到的报送",
                       formatter_class=Formatter,
                       description="考核期内陆续报送（平时考核的每次检查、年终集中考核），存入结果库（只增不改）；\n"
                                   "当前得分为收到的全部报送合在一起的评分。报送文件（YAML 或 JSON）的写法与评分服务的\n"
                                   "POST …/facts 请求正文相同（facts、records，第一次写 period）。",
                       epilog="示例：\n  zhibiao daily cz-quality-season 2009 教务处 --add 第一次检查.json\n"
                              "  zhibiao daily cz-quality-season 2009 教务处 --set 年终更正.yaml\n"
                              "  zhibiao daily cz-quality-season 2009 教务处            # 当前得分与逐条说明\n"
                              "  zhibiao daily cz-quality-season 2009 教务处 --log      # 收到的全部报送\n"
                              "  zhibiao daily cz-quality-season 2009 --standings      # 全考核期一起评分：名次与奖项")
    p.add_argument("scheme", metavar="方案", help="考核方案标识，如 cz-quality-season")
    p.add_argument("period", metavar="考核期", help="考核期简称，如 2009")
    p.add_argument("subject", metavar="考核对象", nargs="?",
                   help="考核对象名称（或按编号报送时的编号），如 教务处；--standings 时不写")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--add", metavar="FILE", help="报送（累加：数字相加、记录追加，其余事实以本次为准）")
    what.add_argument("--set", metavar="FILE", help="报送（更正：本次给出的事实与记录清单取代已有的）")
    what.add_argument("--log", action="store_true", help="列出收到的全部报送")
    what.add_argument("--standings", action="store_true",
                      help="全考核期：各考核对象已收到的报送合在一起评分，给出名次、等次与奖项；尚缺事实的对象单列")
    p.add_argument("--by", metavar="姓名", help="报送文件中没有写 by 时的报送人（默认：git 的 user.name，否则登录名）")
    p.add_argument("--format", "-f", choices=["text", "json"], default="text", help="text（默认）或 json")
    p.add_argument("-o", "--output", metavar="FILE", help="写入文件（原子写入）")
    add_db_option(p)
    p.set_defaults(func=cmd_daily)
