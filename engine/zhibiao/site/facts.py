"""填报口径: for one scheme, every fact a subject submits (id, name, type, unit, definition, constraints,
default, example), every record list with its fields, and which rules read each of them."""

from __future__ import annotations

from typing import Any

from ..conditions import fields_used
from ..model import TYPE_LABELS, FactDef, Scheme
from .markup import md, md_inline, plain, table


def type_name(value: str) -> str:
    return TYPE_LABELS.get(value, value)


def constraints(fact: FactDef) -> str:
    lo, hi = fact.minimum, fact.maximum
    if lo is not None and hi is not None:
        return f"{plain(lo)}～{plain(hi)}"
    if lo is not None:
        return f"≥ {plain(lo)}"
    if hi is not None:
        return f"≤ {plain(hi)}"
    return "—"


def default_text(fact: FactDef) -> str:
    if not fact.has_default:
        return "必填（无默认值）"
    return "空" if fact.default is None else plain(fact.default)


def example_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(plain(v) for v in value) + "]"
    return plain(value)


def uses(scheme: Scheme) -> dict[str, list[str]]:
    """fact id or record id → ids of the rules that read it."""
    out: dict[str, list[str]] = {}
    for rule in scheme.rules:
        read: set[str] = set()
        if rule.mode == "count":
            read.add(rule.count_fact)
        if rule.mode == "each":
            read.add(rule.record)
        elif rule.condition:
            read |= fields_used(rule.condition)
        for name in sorted(read):
            out.setdefault(name, []).append(rule.id)
    return out


def _links(rule_ids: list[str], sid: str) -> str:
    # Markdown links (not raw HTML) so that MkDocs checks every anchor in the strict build.
    return "、".join(f"[{r}]({sid}.md#{r})" for r in rule_ids) or "—"


def render_facts(scheme: Scheme) -> str:
    sid, used = scheme.id, uses(scheme)
    blocks = {f.id: [b.name for b in scheme.blocks if f in scheme.facts_for(b.id)] for f in scheme.facts}
    rows = [
        f"| `{f.id}` | {md_inline(f.name)} | {type_name(f.type)} | {md_inline(f.unit) or '—'} "
        f"| {md_inline(f.description)} | {constraints(f)} | {md_inline(default_text(f))} "
        f"| {md_inline(example_text(f.example))} | {'、'.join(md_inline(b) for b in blocks[f.id]) or '—'} "
        f"| {_links(used.get(f.id, []), sid)} |"
        for f in scheme.facts
    ]
    out = [
        "每个考核对象（部门）按下列口径填报事实；评分只读取这里列出的事实。"
        "“必填”表示没有默认值：漏填时评分会报错，并指出缺少哪一项。",
        "",
        f"## 事实（{len(scheme.facts)} 项）",
        "",
        "| 标识 | 名称 | 类型 | 单位 | 填报说明 | 取值范围 | 默认值 | 示例 | 适用板块 | 用于条款 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
    ]
    if scheme.records:
        out += ["## 记录清单", "", "下列内容按“一条记录一行”填报（例如每位老师每学期一条）。", ""]
    for record in scheme.records:
        out += [f"### {md_inline(record.name)} {{#{record.id}}}", "",
                f"- 标识：`{record.id}`；计数单位：{md_inline(record.unit) or '—'}",
                f"- 用于条款：{_links(used.get(record.id, []), sid)}", "", md(record.description), ""]
        fields = [[f.id, f.name, type_name(f.type), f.unit or "—", constraints(f), example_text(f.example)]
                  for f in record.fields]
        out.append(table(["字段", "名称", "类型", "单位", "取值范围", "示例"], fields))
        for d in record.derived:
            out.append(f"- 推导值 `{d.id}`（{md_inline(d.name)}）：{md_inline(d.text)}")
        if record.decision:
            out += ["", '!!! note "编码说明"', "", "    " + md_inline(record.decision)]
        out.append("")
    return "\n".join(out)
