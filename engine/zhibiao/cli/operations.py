"""`zhibiao calendar` (工作日历: due, due soon, overdue, with an iCalendar export), `zhibiao overlay` (a college's
extension of a provincial list, resolved, each item with its origin), `zhibiao sampling` and `zhibiao tasks`
(整改任务: created from findings into a register, listed by urgency). Thin callers of `zhibiao.api`."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import sys
from pathlib import Path

from .. import api
from ..errors import Location, Problem, UsageError
from ..model.tasks import Task
from ..render.calendar import RENDERERS
from ..render.output import write_atomic
from ..render.tasks import HISTORY_RENDERERS, RENDERERS as TASK_RENDERERS, change_text
from ..render.operations import overlay_json, overlay_table, sampling_json, sampling_table
from .common import Formatter, add_output_options, emit, parse_date, repository
from .results import add_db_option


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


def _new_tasks(args: argparse.Namespace, repo: api.Repository) -> list[Task]:
    """The tasks the --from-… option asks for (none when only listing)."""
    common = {"created": args.created, "deadline": args.deadline, "repository": repo}
    if args.from_review:
        return api.tasks_from(api.review(args.from_review, repository=repo), repository=repo)
    if args.from_score:
        result = api.score(args.from_score, repository=repo)
        names = [s.name for s in result.subjects]
        if args.subject and args.subject not in names:
            hint = difflib.get_close_matches(args.subject, names, n=1)
            raise UsageError([Problem.of("tasks.subject-unknown", Location("--subject"), actual=args.subject,
                                         suggestion=hint[0] if hint else "")])
        return [t for name in ([args.subject] if args.subject else names)
                for t in api.tasks_from(result, subject=name, rule=args.rule or "", **common)]
    if args.from_indicators:
        return api.tasks_from(api.indicators(args.from_indicators, repository=repo), owner=args.owner or "", **common)
    if args.from_point:
        element, sep, point = args.from_point.partition("/")
        if not sep or not element.strip() or not point.strip():
            raise UsageError([Problem.of("tasks.point-format", Location("--from-point"), actual=args.from_point)])
        return api.tasks_from(args.finding or "", element=element.strip(), point=point.strip(),
                              owner=args.owner or "", **common)
    return []


def cmd_tasks(args: argparse.Namespace) -> int:
    repo = repository(args)
    adding = any((args.from_review, args.from_score, args.from_indicators, args.from_point))
    if args.register and (args.db or args.import_ or args.export or args.update or args.history or args.withdraw):
        raise UsageError([Problem.of("tasks.file-and-db", Location(args.register), actual=args.register)])
    if args.register:
        everything = _tasks_in_file(args, repo, adding)
    else:
        everything = _tasks_in_db(args, repo, adding)
        if everything is None:
            return 0
    tl = api.task_list(everything, args.as_of, horizon=args.within, owner=args.dept or "")
    emit(TASK_RENDERERS[args.format](tl), args.output)
    return 0


def _tasks_in_file(args: argparse.Namespace, repo: api.Repository, adding: bool) -> tuple[Task, ...]:
    """The YAML register: new tasks merged in and written atomically, or read as it is."""
    if adding:
        everything, added, text = api.register_tasks(args.register, _new_tasks(args, repo), repository=repo)
        write_atomic(args.register, text)
        _say_added(args.register, everything, added)
        return everything
    if not Path(args.register).exists():
        raise UsageError([Problem.of("tasks.register-missing", Location(args.register), actual=args.register)])
    return api.read_tasks(args.register, repository=repo)


def _tasks_in_db(args: argparse.Namespace, repo: api.Repository, adding: bool) -> tuple[Task, ...] | None:
    """The results database: register (from findings or a YAML register), record progress, export, or read.
    None: nothing to list (an export was written)."""
    store = api.open_store(args.db, repository=repo)
    if adding or args.import_:
        if args.import_:
            everything, added = api.import_tasks(args.import_, by=args.by, store=store, repository=repo)
        else:
            everything, added = api.save_tasks(_new_tasks(args, repo), by=args.by, store=store, repository=repo)
        _say_added(f"结果库 {store.url}", everything, added)
        return everything
    if args.update or args.withdraw:
        ident = args.update or args.withdraw
        before = len(api.task_history(ident, store=store, repository=repo))
        if args.withdraw:
            task = api.withdraw_task(ident, reason=args.reason or "", by=args.by, store=store, repository=repo)
        else:
            task = api.update_task(ident, status=args.status, completed=args.completed,
                                   evidence=args.evidence or (), note=args.note, owner=args.owner,
                                   deadline=args.deadline, reason=args.reason, by=args.by, store=store,
                                   repository=repo)
        events = api.task_history(ident, store=store, repository=repo)
        if len(events) == before:
            print(f"整改任务 {task.id} 没有变化，未作记录", file=sys.stderr)
        else:
            print(f"已记录整改任务 {task.id} 的变更：" + "；".join(change_text(c) for c in events[-1].changes)
                  + (f"（原因：{events[-1].reason}）" if events[-1].reason else ""), file=sys.stderr)
        return api.stored_tasks(store=store, repository=repo)
    if args.history:
        emit(HISTORY_RENDERERS[args.format](api.task_history(args.history, store=store, repository=repo)),
             args.output)
        return None
    if args.export:
        text = api.export_tasks(args.export, title=args.title or "", institution=args.institution or "",
                                store=store, repository=repo)
        write_atomic(args.export, text)
        count = len(api.stored_tasks(store=store, repository=repo))
        print(f"已把结果库 {store.url} 中的 {count} 项整改任务导出到 {args.export}", file=sys.stderr)
        return None
    return api.stored_tasks(store=store, repository=repo)


def _say_added(where: str, everything: tuple[Task, ...], added: tuple[Task, ...]) -> None:
    kept = len(everything) - len(added)
    print(f"已登记 {len(added)} 项新的整改任务到 {where}（共 {len(everything)} 项"
          + (f"；已登记过的 {kept} 项保持原样）" if kept else "）"), file=sys.stderr)


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

    p = sub.add_parser("tasks", help="整改任务：由诊断点、复核结论、指标预警或扣分登记任务，按期限列出逾期（预警）与即将到期",
                       formatter_class=Formatter,
                       description="整改任务登记在一个 YAML 文件中（kind: tasks，见 examples/cz-tasks-2010.yaml），\n"
                                   "或者与评分结果一起保存在结果库中（不写 FILE；--db 指定结果库，默认同 zhibiao runs）。\n"
                                   "用 --from-… 从发现的问题登记新任务（同一发现、同一负责者、同一天只登记一次），\n"
                                   "负责者在文件中填写进度、完成日期与证据，结果库中则用 --update 记录；\n"
                                   "--import/--export 在 YAML 登记与结果库之间导入导出。不带 --from-… 时按期限列出未完成的任务。\n"
                                   "是否逾期由规则引擎按期限判定（截止日含当日），未完成的任务逾期后一直列在预警中。",
                       epilog="示例：\n  zhibiao tasks examples/cz-tasks-2010.yaml --as-of 2010-02-15\n"
                              "  zhibiao tasks 整改任务.yaml --from-review examples/review-2019.yaml\n"
                              "  zhibiao tasks 整改任务.yaml --from-score examples/cz-quality-season-2009.yaml --subject 教务处 "
                              "--created 2010-01-15\n"
                              "  zhibiao tasks 整改任务.yaml --from-indicators examples/indicators-2010.yaml --owner 招生就业处\n"
                              "  zhibiao tasks 整改任务.yaml --from-point 3.2/工作实施效果 --finding 学生满意度连续两年下降 "
                              "--owner 人事处 --deadline 2019-06-30\n"
                              "  zhibiao tasks --import examples/cz-tasks-2010.yaml        # YAML 登记导入结果库\n"
                              "  zhibiao tasks --from-score examples/cz-quality-season-2009.yaml --subject 教务处 "
                              "--created 2010-01-15\n"
                              "  zhibiao tasks --update t-97769c27bf --status 已完成 --completed 2010-03-01 "
                              "--evidence 修订后的实施条目.docx\n"
                              "  zhibiao tasks --update t-97769c27bf --owner 质量办 --deadline 2010-03-31 --reason 改由质量办牵头\n"
                              "  zhibiao tasks --withdraw t-f0ca29e210 --reason 与 t-97769c27bf 是同一问题，已合并\n"
                              "  zhibiao tasks --history t-97769c27bf          # 谁在何时改了什么（只增不改）\n"
                              "  zhibiao tasks --as-of 2010-02-15 --dept 教务处\n"
                              "  zhibiao tasks --export 整改任务.yaml --db postgresql+psycopg://质量办@db/zhibiao")
    p.add_argument("register", metavar="FILE", nargs="?",
                   help="整改任务登记（YAML）；用 --from-… 登记时不存在则新建。不写则用结果库")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--from-review", metavar="FILE", help="由复核结论登记：“待改进”“异常”的院校各一项，期限为改进期满日")
    src.add_argument("--from-score", metavar="FILE", help="由评分的扣分登记：每项扣分一项任务（--subject 只取一个考核对象）")
    src.add_argument("--from-indicators", metavar="FILE", help="由指标预警登记：预警与未达标的指标各一项（须 --owner）")
    src.add_argument("--from-point", metavar="要素/诊断点", help="由诊断项目表的诊断点登记，如 3.2/工作实施效果（须 --finding、--owner）")
    p.add_argument("--subject", metavar="考核对象", help="与 --from-score 合用：只登记这个考核对象的扣分")
    p.add_argument("--rule", metavar="条款", help="与 --from-score 合用：只登记这一条款的扣分（规则标识，如 study-2）")
    p.add_argument("--finding", metavar="发现", help="与 --from-point 合用：发现的问题")
    p.add_argument("--owner", metavar="负责者", help="新任务的负责部门或个人（复核结论与扣分的任务由院校、考核对象负责）；与 --update 合用：改负责者")
    p.add_argument("--created", type=parse_date, metavar="DATE", help="新任务的创建日期（默认今天）")
    p.add_argument("--deadline", type=parse_date, metavar="DATE",
                   help="新任务的期限（默认创建后 30 天；复核结论的任务为改进期满日）；与 --update 合用：改期限（不早于创建日期）")
    p.add_argument("--as-of", type=parse_date, metavar="DATE", help="按哪一天列出（YYYY-MM-DD，默认今天）")
    p.add_argument("--dept", metavar="负责者", help="只列出某个部门或院校负责的任务")
    p.add_argument("--within", type=days, default=30, metavar="天数", help="多少天内到期算“即将到期”（默认 30）")
    db = p.add_argument_group("结果库中的整改任务（不写 FILE 时）")
    add_db_option(db)
    db.add_argument("--by", metavar="姓名", help="登记或记录进度的人（默认：git 的 user.name，否则登录名）")
    moves = src  # one thing at a time: register from a finding, import, export or record progress
    moves.add_argument("--import", dest="import_", metavar="FILE", help="把 YAML 整改任务登记导入结果库（已有的任务保持原样）")
    moves.add_argument("--export", metavar="FILE", help="把结果库中的整改任务导出为 YAML 登记")
    moves.add_argument("--update", metavar="任务标识",
                       help="记录一项任务的变更：与 --status、--completed、--evidence、--note 合用记录进度，"
                            "与 --owner、--deadline 合用改负责者与期限，--reason 说明原因；每次变更记入变更记录")
    moves.add_argument("--withdraw", metavar="任务标识",
                       help="撤销一项任务（进度改为“已撤销”，须 --reason）；任务不删除，撤销与原因留在变更记录中")
    moves.add_argument("--history", metavar="任务标识", help="列出一项任务的变更记录：登记与每次变更的时间、人、原值 → 新值、原因")
    db.add_argument("--status", metavar="进度", help="与 --update 合用：待办、进行中、已完成、已撤销")
    db.add_argument("--completed", type=parse_date, metavar="DATE", help="与 --update 合用：完成日期（进度为“已完成”时必填）")
    db.add_argument("--evidence", action="append", metavar="证据", help="与 --update 合用：证据（文件名、链接或说明），可写多次，追加到已有证据后")
    db.add_argument("--note", metavar="备注", help="与 --update 合用：备注（替换原备注）")
    db.add_argument("--reason", metavar="原因", help="与 --withdraw（必填）或 --update 合用：变更的原因，记入变更记录")
    db.add_argument("--title", metavar="标题", help="与 --export 合用：登记的标题")
    db.add_argument("--institution", metavar="机构", help="与 --export 合用：机构标识（如 cz）")
    add_output_options(p, ("table", "json"))
    p.set_defaults(func=cmd_tasks)
