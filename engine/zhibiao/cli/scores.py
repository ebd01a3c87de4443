"""`zhibiao score`, `zhibiao validate`, `zhibiao coverage`."""

from __future__ import annotations

import argparse
import sys

from .. import api, coverage
from ..errors import errors_only
from ..render import explain as explain_render
from ..render import problems as problems_render
from .results import add_previous_options, add_save_options, maybe_save, previous_from
from .common import Formatter, add_output_options, emit, parse_date, parse_decimal, repository
from .progress import bars


def cmd_score(args: argparse.Namespace) -> int:
    repo = repository(args)
    facts = args.facts[0] if len(args.facts) == 1 else args.facts
    with bars() as progress:
        result = api.score(facts, args.scheme, as_of=args.as_of, year_end_weight=args.year_end_weight,
                           repository=repo, progress=progress, previous_from=previous_from(args, repo),
                           previous_match=args.previous_match)
        if not args.explain:
            options = ({"details": not args.brief} if args.format == "table" else
                       {"site": args.site or ""} if args.format == "markdown" else {})
            text = api.render(result, args.format, progress=progress, **options)
    for w in result.warnings:
        print(w, file=sys.stderr)
    maybe_save(args, repo, result)
    if args.explain:
        trace = api.explain(result, args.explain)
        emit(explain_render.RENDERERS["json" if args.format == "json" else "text"](trace), args.output)
        return 0
    emit(text, args.output)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    repo = repository(args)
    problems, count = repo.validate(args.paths or None, base=args.base, scheme=args.scheme,
                                    previous=api.previous_source(previous_from(args, repo), args.previous_match, repo))
    errors = errors_only(problems)
    warnings = len(problems) - len(errors)
    if args.format == "json":
        sys.stdout.write(problems_render.render_json(problems))
    else:
        for p in problems:
            print(problems_render.render_text([p]), end="", file=sys.stderr if p.severity == "error" else sys.stdout)
    if errors:
        print(f"校验未通过：{count} 个文件，{len(errors)} 个错误，{warnings} 个警告", file=sys.stderr)
        return 1
    if args.strict and warnings:
        print(f"校验未通过（--strict）：{count} 个文件，{warnings} 个警告", file=sys.stderr)
        return 1
    print(f"校验通过：{count} 个文件，0 个错误，{warnings} 个警告", file=sys.stderr if args.format == "json" else sys.stdout)
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    repo = repository(args)
    path = args.file or coverage.default_file(repo)
    record = coverage.load_record(path)
    rules = coverage.universe(repo)
    coverage.check_record(record, rules, path)
    print(coverage.report(record.fired, rules, record), end="")
    missing = coverage.uncovered(record.fired, rules)
    if missing:
        print(f"有 {len(missing)} 条规则没有任何场景覆盖：{'、'.join(r.key for r in missing)}", file=sys.stderr)
        return 1
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="按考核方案为填报的事实评分，给出总分、类别得分、排名、奖项和每一条扣分的依据",
                       formatter_class=Formatter, description="按考核方案为填报文件中的每个考核对象评分。")
    p.add_argument("facts", metavar="FACTS", nargs="+",
                   help="填报文件：YAML、JSON 或 Excel 工作簿（.xlsx，用 zhibiao template 生成）；"
                        "可给出多个（如各部门分别填写的工作簿），合并为一次填报评分")
    p.add_argument("--scheme", metavar="ID[@VERSION]", help="使用的考核方案（默认取填报文件中的 scheme），可指定版本，如 cz-quality-season@1.0.0")
    p.add_argument("--as-of", type=parse_date, metavar="DATE", help="按该日期有效的分值和参数评分（默认：考核期最后一天）")
    p.add_argument("--year-end-weight", type=parse_decimal, metavar="比例", help="计入年终考核的比例，0～1，如 0.2（方案未规定比例）")
    p.add_argument("--brief", action="store_true", help="表格格式下只显示汇总，不列扣分明细")
    p.add_argument("--explain", metavar="考核对象", help="逐条说明一个考核对象：每条规则扣了没有、为什么（含未扣分的条款）；--format json 输出为数据")
    p.add_argument("--site", metavar="URL", help="markdown 格式下，把规则标识链接到该地址的手册站点（如 https://手册地址/）")
    add_output_options(p, ("table", "json", "csv", "markdown"))
    add_save_options(p)
    add_previous_options(p)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("validate", help="校验 rules/ 与 standards/ 下的 YAML（或填报文件）：先模式、后语义，逐条报告 文件:行:列",
                       formatter_class=Formatter,
                       description="校验考核方案、标准文件与填报文件。不指定路径时校验 rules/ 和 standards/。\n"
                                   "填报文件按它声明的方案（或 --scheme 指定的方案）逐项核对，与 score 的读法完全相同。")
    p.add_argument("paths", nargs="*", metavar="PATH", help="要校验的文件或文件夹（填报可以是 YAML、JSON 或 .xlsx 工作簿）")
    p.add_argument("--scheme", metavar="ID[@VERSION]", help="按此方案（可含版本，草案也可）核对填报文件")
    p.add_argument("--strict", action="store_true", help="有警告也算不通过")
    p.add_argument("--base", metavar="REV", help="与 git 版本 REV（如 main）比较：内容有改动的文件必须提高版本并补充修订记录")
    p.add_argument("--format", "-f", choices=["text", "json"], default="text", help="text：逐行中文说明（默认）；json：问题数据")
    add_previous_options(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("coverage", help="规则覆盖报告：哪些规则被中文场景执行过（类似 opa test --coverage）",
                       formatter_class=Formatter,
                       description="读取运行中文场景时记录的规则命中情况，列出每条规则是否被覆盖；有未覆盖的规则时退出码为 1。\n"
                                   "记录注明了记录时间、是否运行了全部场景、按哪一版规则：规则此后有改动，或记录只来自部分场景时，\n"
                                   "拒绝报告并说明原因（请重新运行 python -m pytest features）。")
    p.add_argument("--file", metavar="FILE", help="覆盖记录文件（默认 .artifacts/rule-coverage.json，运行 pytest features 时生成）")
    p.set_defaults(func=cmd_coverage)
