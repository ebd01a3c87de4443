"""Renderers for review and indicator results: table (Chinese, aligned), JSON, CSV. The engine never formats."""

from __future__ import annotations

import json
from typing import Any

from ..model.objectives import IndicatorResult
from ..model.review import ReviewResult
from ..numbers import fmt as _fmt
from .markup import terminal
from .output import csv_text, table


def _review_row(r: ReviewResult) -> list[str]:
    return [r.college, str(r.review_date), f"{r.agree_count}/{r.element_count}", r.measures, r.previous_conclusion,
            r.conclusion, "；".join("、".join(q.measures) for q in r.consequences) or "—",
            str(r.re_review_from) if r.re_review_from else "—"]


REVIEW_HEADERS = ["院校", "复核日期", "相符项数", "改进措施", "上次结论", "复核结论", "后果", "可重新申请复核"]


TERMINAL = 100  # columns a terminal table may take (wider cells wrap)


def review_table(results: list[ReviewResult]) -> str:
    # In the terminal the consequences are named (限制措施…); their measures follow in full under each college.
    rows = [_review_row(r)[:6] + ["、".join(q.name for q in r.consequences) or "—", _review_row(r)[7]] for r in results]
    lines = [table(REVIEW_HEADERS, rows, max_width=TERMINAL), ""]
    for r in results:
        lines.append(f"【{r.college}】复核结论：{r.conclusion}")
        lines += [f"  依据：{x}" for x in r.reasons]
        lines.append(f"  原文：{r.conclusion_text}")
        if r.disagreeing:
            lines.append(f"  不相符的诊断要素：{'、'.join(r.disagreeing)}")
        for q in r.consequences:
            lines.append(f"  后果（{q.name}）：{'、'.join(q.measures)}——{q.text}")
        if r.re_review_from:
            lines.append(f"  改进期满：{r.re_review_from} 起须重新提出复核申请")
        lines.append("")
    return terminal("\n".join(lines))


def review_json(results: list[ReviewResult]) -> str:
    out: list[dict[str, Any]] = []
    for r in results:
        out.append({
            "院校": r.college, "复核日期": str(r.review_date), "相符项数": r.agree_count, "诊断要素总数": r.element_count,
            "不相符的诊断要素": r.disagreeing, "改进措施": r.measures, "上次结论": r.previous_conclusion,
            "复核结论": r.conclusion, "依据": r.reasons, "原文": r.conclusion_text,
            "后果": [{"名称": q.name, "措施": list(q.measures), "原文": q.text} for q in r.consequences],
            "可重新申请复核日期": str(r.re_review_from) if r.re_review_from else None,
        })
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def review_csv(results: list[ReviewResult]) -> str:
    return csv_text(REVIEW_HEADERS + ["依据"], [_review_row(r) + ["；".join(r.reasons)] for r in results])


INDICATOR_HEADERS = ["指标", "当前值", "标准值", "预警值", "目标值", "状态", "说明"]


def _ind_row(r: IndicatorResult) -> list[str]:
    i, u = r.indicator, r.indicator.unit
    num = lambda v: f"{_fmt(v)}{u}" if v is not None else "—"  # noqa: E731
    if i.direction == "等级":
        return [i.name, str(r.actual), f"{i.standard_grade}及以上", "—", "—", r.state, r.explanation]
    return [i.name, num(r.actual), num(i.standard), num(i.warning), num(i.target), r.state, r.explanation]


def indicators_table(results: list[IndicatorResult]) -> str:
    rows = [_ind_row(r) for r in results]
    counts = {s: sum(1 for r in results if r.state == s) for s in ("达标", "预警", "未达标")}
    return terminal(table(INDICATOR_HEADERS, rows, max_width=TERMINAL) + "\n\n" + "，".join(f"{k} {v} 项" for k, v in counts.items()) + "\n")


def indicators_json(results: list[IndicatorResult]) -> str:
    out = []
    for r in results:
        i = r.indicator
        num = lambda v: None if v is None else _fmt(v)  # noqa: E731 — exact decimals as text
        out.append({"指标": i.id, "名称": i.name, "单位": i.unit, "当前值": num(r.actual) if i.direction != "等级" else r.actual,
                    "标准值": num(i.standard) if i.direction != "等级" else i.standard_grade, "预警值": num(i.warning),
                    "目标值": num(i.target), "状态": r.state, "说明": r.explanation})
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def indicators_csv(results: list[IndicatorResult]) -> str:
    return csv_text(INDICATOR_HEADERS, [_ind_row(r) for r in results])


REVIEW = {"table": review_table, "json": review_json, "csv": review_csv}
INDICATORS = {"table": indicators_table, "json": indicators_json, "csv": indicators_csv}
