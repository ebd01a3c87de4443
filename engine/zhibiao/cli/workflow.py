"""`zhibiao diff`, `zhibiao impact`, `zhibiao new`: the committee's workflow around a change to the rules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import api
from ..errors import Location, Problem, UsageError
from ..history import Snapshot
from ..load import Document
from ..repository import Repository
from ..workflow.diff import diff_documents, diff_sets
from ..workflow.diffrender import RENDERERS as DIFF_RENDERERS
from ..workflow.impact import impact
from ..workflow.impactrender import RENDERERS as IMPACT_RENDERERS
from ..workflow.scaffold import default_path, refuse_existing, schema_ref, skeleton
from .common import Formatter, add_output_options, emit, parse_date, repository


def _side(repo: Repository, arg: str | None) -> tuple[str, list[Document]]:
    """A file, a git revision, or (None) the working tree → (label, documents)."""
    history = repo.history
    if arg is None:
        if history is None:
            return "工作区", repo.documents_at([])
        return "工作区", repo.documents_at(history.snapshots_in_tree())
    if Path(arg).is_file():
        snap = history.snapshot_file(arg) if history else Snapshot(repo.display(arg), Path(arg).read_text(encoding="utf-8"))
        return arg, repo.documents_at([snap])
    if history is None or not history.is_revision(arg):
        raise UsageError([Problem.of("diff.neither", Location(arg), actual=arg)])
    # shown by their plain path: the revision is already in the heading
    return arg, repo.documents_at([Snapshot(s.path, s.text) for s in history.snapshots_at(arg)])


def cmd_diff(args: argparse.Namespace) -> int:
    repo = repository(args)
    old_label, old = _side(repo, args.old)
    new_label, new = _side(repo, args.new)
    if Path(args.old).is_file() and args.new and Path(args.new).is_file() and len(old) == len(new) == 1:
        diffs = [d for d in [diff_documents(old[0], new[0])] if d.changes]
    else:
        diffs = diff_sets(old, new)
    emit(DIFF_RENDERERS[args.format](diffs, old_label, new_label), args.output)
    return 0


def cmd_impact(args: argparse.Namespace) -> int:
    repo = repository(args)
    if repo.history is None:
        raise UsageError([Problem.of("git.unknown-revision", Location(args.base), actual=args.base)])
    repo.history.resolve(args.base)
    result = impact(repo, args.base, args.facts or None, args.as_of)
    emit(IMPACT_RENDERERS[args.format](result), args.output)
    return 0


def _new_submission(args: argparse.Namespace) -> int:
    """`new submission SCHEME`: a YAML (or, for -o x.json, JSON) submission with every fact to fill in."""
    repo = repository(args)
    target = Path(args.output) if args.output else None
    fmt = "json" if target is not None and target.suffix.lower() == ".json" else "yaml"
    ref = schema_ref(repo.schemas, "submission", target) if target is not None else "../schemas/submission.schema.json"
    text = api.submission_skeleton(args.id, fmt, repository=repo, schema_ref=ref)
    if target is None:
        sys.stdout.write(text)
        print("（以上是填报骨架：用 -o 文件名.yaml 直接写成文件；把示例值改为实际情况后运行 zhibiao validate）",
              file=sys.stderr)
        return 0
    refuse_existing(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
            fh.write(text)
    except FileExistsError:
        refuse_existing(target)
    print(f"已创建 {target}：请把各项的示例值改为实际情况，然后运行 zhibiao validate {target}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    if args.kind == "submission":
        return _new_submission(args)
    repo = repository(args)
    if args.kind == "fact" and not args.output:
        sys.stdout.write(skeleton("fact", args.id, repo.root))
        print("（把以上内容粘贴到考核方案的 facts: 下，再把占位文字换成实际内容）", file=sys.stderr)
        return 0
    target = Path(args.output) if args.output else default_path(repo.root, args.kind, args.id)
    refuse_existing(target)
    text = skeleton(args.kind, args.id, repo.root, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
            fh.write(text)
    except FileExistsError:
        refuse_existing(target)
    print(f"已创建 {target}：请把（…）中的占位文字换成实际内容，然后运行 zhibiao validate")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diff", help="比较两个 git 版本（或两个文件）中的方案与标准，列出中文改动清单",
                       formatter_class=Formatter,
                       description="逐个文件列出改动：规则增删、分值/单位/上限变化（原 → 新）、原文措辞的文字差异、\n"
                                   "事实与参数的增删改、版本与状态等元数据。NEW 省略时与工作区比较。",
                       epilog="示例：\n  zhibiao diff main\n  zhibiao diff main HEAD --format markdown -o 改动.md\n"
                              "  zhibiao diff 旧方案.yaml rules/cz-quality-season.yaml")
    p.add_argument("old", metavar="OLD", help="原版本：git 版本（如 main、HEAD~1、v1.0.0）或文件")
    p.add_argument("new", metavar="NEW", nargs="?", help="新版本：git 版本或文件（省略：工作区）")
    add_output_options(p, ("text", "markdown", "json"))
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("impact", help="按基准版本与工作区的方案分别评分，列出总分、排名有变化的考核对象及原因",
                       formatter_class=Formatter,
                       description="用基准版本（--base）的考核方案和工作区的考核方案分别为填报文件评分，\n"
                                   "逐个列出结果有变化的考核对象：原总分、新总分、差值、排名变化和引起变化的规则。",
                       epilog="示例：\n  zhibiao impact --base main\n"
                              "  zhibiao impact --base main examples/cz-quality-season-2009.yaml --format markdown")
    p.add_argument("--base", required=True, metavar="REV", help="基准 git 版本，如 main 或合并请求的目标分支")
    p.add_argument("facts", nargs="*", metavar="FACTS", help="填报文件（默认：examples/ 中的全部填报示例）")
    p.add_argument("--as-of", type=parse_date, metavar="DATE", help="按该日期有效的分值和参数评分（默认：考核期最后一天）")
    add_output_options(p, ("table", "markdown", "json"))
    p.set_defaults(func=cmd_impact)

    p = sub.add_parser("new", help="新建考核方案、标准或事实的骨架（含模式声明行和中文占位文字）",
                       formatter_class=Formatter,
                       description="写出可直接通过校验的骨架文件，第一行是模式声明，编辑器据此提供补全。\n"
                                   "scheme 默认写到 rules/ID.yaml，standard 默认写到 standards/catalog/ID.yaml；\n"
                                   "fact 把一段 YAML 输出到屏幕，粘贴到方案的 facts: 下。已有文件不会被覆盖。",
                       epilog="示例：\n  zhibiao new scheme cz-teaching-2026\n  zhibiao new standard teacher-ethics\n"
                              "  zhibiao new fact late_reports\n"
                              "  zhibiao new submission cz-quality-season -o 2010填报.yaml")
    p.add_argument("kind", choices=["scheme", "standard", "fact", "submission"], metavar="种类",
                   help="scheme 考核方案、standard 标准、fact 事实（填报口径）、submission 按方案填报的骨架")
    p.add_argument("id", metavar="ID", help="标识：小写字母、数字、点、下划线、连字符，如 cz-teaching-2026；"
                                          "submission 则写考核方案标识（可含 @版本）")
    p.add_argument("-o", "--output", metavar="FILE", help="写到该文件（已存在则拒绝）")
    p.set_defaults(func=cmd_new)
