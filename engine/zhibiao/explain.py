"""`zhibiao score --explain 部门`: every rule the subject's block has, applied or not, and why.

Like OPA's `--explain` or OpenFisca's trace: a reader checks each clause's wording, the facts it looked at
and the arithmetic, including the clauses that did *not* deduct.
"""

from __future__ import annotations

import datetime as dt
import difflib

from .compile import compile_block
from .conditions import fields_used
from .errors import Location, Problem, UsageError
from .model import Scheme
from .reports import deduction_line, evidence_text
from .results import Run, fmt
from .submission import SubjectInput


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if hasattr(v, "quantize"):
        return fmt(v)  # type: ignore[arg-type]
    return str(v)


def explain_subject(run: Run, scheme: Scheme, subject: SubjectInput, as_of: dt.date) -> str:
    result = run.subject(subject.name)
    block = compile_block(scheme, subject.block, as_of)
    names = block.fact_names
    out = [f"{subject.name}（{subject.block}板块）逐条说明  方案 {run.scheme_id} 版本 {run.version}  评分日期 {as_of}",
           f"规则哈希 {run.rules_hash}", ""]
    for cat in scheme.categories_for(subject.block):
        cr = result.category(cat.id)
        line = f"【{cat.name}】满分 {fmt(cat.points)}，扣 {fmt(cr.deducted)}，得 {fmt(cr.score)}"
        if cr.floor_cut:
            line += f"（类别最低 {fmt(scheme.category_floor)} 分，截去 {fmt(cr.floor_cut)} 分）"
        out.append(line)
        fired = {d.rule_id: d for d in cr.deductions}
        for clause in cat.clauses:
            out.append(f"  第{clause.no}条 {clause.text}")
            for rule in clause.rules:
                compiled = block.rules.get(rule.id)
                if rule.id in fired:
                    d = fired[rule.id]
                    out.append(f"    ✓ {deduction_line(d)}")
                    out.append(f"      条件：{d.condition}；{evidence_text(d)}")
                elif compiled is None:
                    out.append(f"    – {rule.id} 在 {as_of} 不适用（尚未生效或已停止）")
                else:
                    out.append(f"    · {rule.id} 未扣分：条件“{compiled.condition_text}”不成立；{_why_not(rule, subject, names)}")
        for note in cat.notes:
            out.append(f"  备注{note.no} {note.text}")
        out.append("")
    out.append(f"总分 {fmt(result.total)}，{subject.block}板块第 {result.rank} 名" + (f"（{result.rank_note}）" if result.rank_note else ""))
    if result.award:
        out.append(f"方案评比：{result.award}（{result.award_note}）")
    return "\n".join(out) + "\n"


def _why_not(rule, subject: SubjectInput, names: dict[str, str]) -> str:
    if rule.mode == "count":
        return f"{names.get(rule.count_fact, rule.count_fact)} = {_value(subject.facts.get(rule.count_fact, 0))}"
    if rule.mode == "when":
        return "；".join(f"{names.get(f, f)} = {_value(subject.facts.get(f))}" for f in sorted(fields_used(rule.condition or {})))
    rows = subject.records.get(rule.record, [])
    return f"填报了 {len(rows)} 条记录，没有一条满足条件" if rows else "没有填报记录"


def pick_subject(subjects: list[SubjectInput], name: str, path: str) -> SubjectInput:
    for s in subjects:
        if s.name == name:
            return s
    hint = difflib.get_close_matches(name, [s.name for s in subjects], n=1, cutoff=0.3)
    tip = f"，是否想写“{hint[0]}”？" if hint else ""
    raise UsageError([Problem(Location(path), f"填报文件中没有考核对象“{name}”{tip}")])
