"""`zhibiao runs`, `zhibiao history`, `zhibiao compare`: scoring runs kept in the results database; and the
options `zhibiao score` uses to keep one (--save, --by, --db, --period)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import api
from ..model.results import Result
from ..render import runs as runs_render
from ..render.output import write_atomic
from ..repository import Repository
from ..store import settings
from .common import Formatter, emit, repository
from .progress import bars


def add_save_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--save", action=argparse.BooleanOptionalAction, default=None,
                   help="把这次评分保存到结果库（zhibiao.toml 的 [results] save = true 时默认保存，--no-save 不保存）")
    p.add_argument("--by", metavar="姓名", help="保存人（默认：git 的 user.name，否则登录名）")
    p.add_argument("--period", metavar="期别", help="保存时的考核期简称（默认：考核期开始的年份，如 2009）")
    add_db_option(p)


def add_db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help="结果库：SQLite 文件路径或 postgresql+psycopg://… 地址"
                                             "（默认：ZHIBIAO_DATABASE，否则 zhibiao.toml，否则 .zhibiao/results.sqlite3）")


def add_previous_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--previous-from", metavar="URL",
                   help="与上期比较的条款：填报的 previous 中没有写的上期值，从这个结果库（SQLite 文件路径或 "
                        "postgresql+psycopg://… 地址）中该方案上一个考核期的评分读取；默认：这次评分用到结果库时"
                        "（--save、zhibiao.toml 的 save = true，或给出 --db）从同一个结果库读取")
    p.add_argument("--previous-match", choices=["scheme", "version"], default="scheme",
                   help="上一期取哪些评分：scheme（同一方案的任何版本，默认）；version（只取同一版本的评分）")


def previous_from(args: argparse.Namespace, repo: Repository) -> str | bool | None:
    """Where last period's values are read (api.score's previous_from): the given database; else the one this
    run uses when it keeps results (--save, save = true) or names one (--db); else nowhere."""
    if args.previous_from:
        return args.previous_from
    db = getattr(args, "db", None)
    saving = getattr(args, "save", None)
    if saving is None:
        saving = settings(repo.root, database=db).save
    if saving or db:
        return db or True
    return None


def maybe_save(args: argparse.Namespace, repo: Repository, result: Result) -> None:
    """Keep the run when --save is given or the project's zhibiao.toml says so; say what happened."""
    wanted = args.save if args.save is not None else settings(repo.root, database=args.db).save
    if not wanted:
        return
    store = api.open_store(args.db, repository=repo)
    outcome = api.save(result, by=args.by, period=args.period, store=store, repository=repo)
    run = outcome.run
    if outcome.created:
        print(f"已保存到结果库 {store.url}：第 {run.id} 次评分（考核期 {run.period}，{run.subjects} 个考核对象，"
              f"保存人 {run.created_by}）", file=sys.stderr)
    else:
        print(f"结果库中已有相同的填报与规则的评分：第 {run.id} 次（{run.created_at} 由 {run.created_by} 保存），"
              "未重复保存", file=sys.stderr)


def cmd_runs(args: argparse.Namespace) -> int:
    repo = repository(args)
    items = api.runs(scheme=args.scheme, period=args.period, store=api.open_store(args.db, repository=repo))
    emit(runs_render.runs_json(items) if args.format == "json" else runs_render.runs_table(items), None)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    repo = repository(args)
    points = api.history(args.subject, scheme=args.scheme, store=api.open_store(args.db, repository=repo))
    emit(runs_render.history_json(points) if args.format == "json" else runs_render.history_table(points), args.output)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    repo = repository(args)
    comparison = api.compare(args.old, args.new, scheme=args.scheme, store=api.open_store(args.db, repository=repo),
                             repository=repo)
    if args.subject and not any(s.subject == args.subject for s in comparison.subjects):
        api.history(args.subject, scheme=args.scheme, store=api.open_store(args.db, repository=repo))  # says why
    emit(runs_render.COMPARE[args.format](comparison, args.subject), args.output)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    repo = repository(args)
    store = None
    if args.run and Path(args.run).is_file():  # a submission file or workbook: scored now
        with bars() as progress:
            result = api.score(args.run, args.scheme, repository=repo, progress=progress)
        if args.db:
            store = api.open_store(args.db, repository=repo)
    else:
        store = api.open_store(args.db, repository=repo)
        result = api.stored(args.run, scheme=args.scheme, store=store).result
    data = api.report(result, args.format, site=args.site or "", store=store)
    write_atomic(args.output, data)
    print(f"已写出 {args.output}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("runs", help="列出结果库中保存的评分（运行编号、考核期、方案版本、保存人、填报哈希）",
                       formatter_class=Formatter,
                       description="列出结果库中保存过的每一次评分，最早的在前。用 zhibiao score 填报 --save 保存评分。",
                       epilog="示例：\n  zhibiao runs\n  zhibiao runs --period 2010 --format json")
    p.add_argument("--scheme", metavar="ID", help="只列这个方案的评分")
    p.add_argument("--period", metavar="期别", help="只列这个考核期的评分，如 2010")
    p.add_argument("--format", "-f", choices=["table", "json"], default="table", help="table（默认）或 json")
    add_db_option(p)
    p.set_defaults(func=cmd_runs)

    p = sub.add_parser("history", help="一个考核对象历年的考核结果：总分、变化、名次、各类别得分",
                       formatter_class=Formatter,
                       description="从结果库读出一个考核对象在每个考核期的结果（每期取最后保存的一次评分）。",
                       epilog="示例：\n  zhibiao history 教务处\n  zhibiao history 教务处 --format json -o 教务处.json")
    p.add_argument("subject", metavar="考核对象", help="考核对象名称（开放名单的可写编号）")
    p.add_argument("--scheme", metavar="ID", help="只看这个方案的评分")
    p.add_argument("--format", "-f", choices=["table", "json"], default="table", help="table（默认）或 json")
    p.add_argument("-o", "--output", metavar="FILE", help="写入文件（原子写入）")
    add_db_option(p)
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("compare", help="比较两个考核期（或两次评分）：每个考核对象、每条规则变了什么、为什么",
                       formatter_class=Formatter,
                       description="比较结果库中的两次评分。OLD、NEW 写考核期（如 2009，取该期最后一次评分）或运行编号（如 #12）。\n"
                                   "逐个考核对象列出总分与名次的变化、各类别得分的变化，以及每条规则扣分的变化及其原因：\n"
                                   "填报的事实变了（如 缺席人数 2 → 0）、分值变了（方案版本不同）、符合条件的记录数变了。",
                       epilog="示例：\n  zhibiao compare 2009 2010\n  zhibiao compare 2009 2010 --subject 教务处\n"
                              "  zhibiao compare '#3' '#5' --format markdown -o 比较.md")
    p.add_argument("old", metavar="OLD", help="原考核期或运行编号")
    p.add_argument("new", metavar="NEW", help="新考核期或运行编号")
    p.add_argument("--subject", metavar="考核对象", help="只看一个考核对象")
    p.add_argument("--scheme", metavar="ID", help="考核期有多个方案的评分时指定方案")
    p.add_argument("--format", "-f", choices=["table", "markdown", "json"], default="table",
                   help="table（默认，终端阅读）、markdown 或 json")
    p.add_argument("-o", "--output", metavar="FILE", help="写入文件（原子写入）")
    add_db_option(p)
    p.set_defaults(func=cmd_compare)


    p = sub.add_parser("report", help="考核结果报告：xlsx（汇总、类别得分、逐笔扣分明细）、html（带图表的单个网页）或 pdf",
                       formatter_class=Formatter,
                       description="为一次评分写出报告。RUN 写结果库中的运行编号（如 #3）或考核期（如 2010，取该期最后一次评分），"
                                   "不写则取最近一次；也可以直接写一个填报文件（现场评分）。\n"
                                   "xlsx：按名次排列的汇总、类别得分、每笔扣分一行的明细（可直接做数据透视表）；\n"
                                   "html：一个不依赖任何外部资源的网页，含各板块得分分布、各对象分类别得分与历年总分的图表；\n"
                                   "pdf：把该网页用 Chromium 打印。",
                       epilog="示例：\n  zhibiao report 2010 -o 2010考核结果.xlsx\n"
                              "  zhibiao report --format html -o 考核结果.html --site https://手册地址/\n"
                              "  zhibiao report examples/cz-quality-season-2009.yaml -o 2009.xlsx")
    p.add_argument("run", nargs="?", metavar="RUN", help="运行编号、考核期或填报文件；默认为结果库中最近一次评分")
    p.add_argument("--format", "-f", choices=["xlsx", "html", "pdf"], default="xlsx", help="xlsx（默认）、html 或 pdf")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="写到该文件（原子写入）")
    p.add_argument("--site", metavar="URL", help="手册站点地址：每笔扣分链接到它的规则")
    p.add_argument("--scheme", metavar="ID", help="考核期有多个方案的评分时指定方案")
    add_db_option(p)
    p.set_defaults(func=cmd_report)
