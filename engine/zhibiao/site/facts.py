"""填报口径: for one scheme, every fact a subject submits (id, name, type, unit, definition, constraints,
default, example), every record list with its fields, and which rules read each of them."""

from __future__ import annotations

from typing import Any

from ..conditions import fields_used
from ..model.scheme import TYPE_LABELS, FactDef, Scheme
from ..workflow import submission_example
from .documents import DocumentInfo, page
from .markup import Raw, h, md, md_inline, plain, table
from .pages import Context, Page
from .schemes import SECTION, rule_labels


def type_name(value: str) -> str:
    if value == "boolean":  # the reader must know what to type, not only what it means
        return "是/否（填 是 或 否，也可写 true 或 false）"
    return TYPE_LABELS.get(value, value)


def written(value: Any) -> str:
    """A value as it is written in a submission file (YAML): 是/否, exact numbers, lists in brackets."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(written(v) for v in value) + "]"
    return plain(value)


def code(value: Any) -> str:
    """Inline code in a Markdown table cell. Written as inline HTML, whose content Markdown still reads: so
    escaped for Markdown (md_inline), not only for HTML, and the pipe as an entity (it would split the cell)."""
    return f"<code>{md_inline(value)}</code>".replace("\\|", "&#124;")


def constraints(fact: FactDef) -> str:
    lo, hi = fact.minimum, fact.maximum
    if lo is not None and hi is not None:
        return f"{plain(lo)}～{plain(hi)}"
    if lo is not None:
        return f"≥ {plain(lo)}"
    if hi is not None:
        return f"≤ {plain(hi)}"
    return "—"


def example_text(value: Any) -> str:
    return "—" if value is None else written(value)


def uses(scheme: Scheme) -> dict[str, list[str]]:
    """fact id or record id → ids of the rules that read it."""
    out: dict[str, list[str]] = {}
    for rule in scheme.rules:
        read: set[str] = set()
        if rule.reads:
            read.add(rule.reads)
        if rule.mode == "each":
            read.add(rule.record)
        elif rule.condition:
            read |= fields_used(rule.condition)
        for name in sorted(read):
            out.setdefault(name, []).append(rule.id)
    return out


def _links(rule_ids: list[str], sid: str, labels: dict[str, str]) -> str:
    # Markdown links (not raw HTML) so that MkDocs checks every anchor in the strict build.
    return "、".join(f"[{md_inline(labels.get(r, r))}]({sid}.md#{r})" for r in rule_ids) or "—"


def _fact_row(f: FactDef, blocks: list[str], rules: str) -> str:
    """One fact: what it is (name, the id to write in the submission), how to report it, its form, where used."""
    required = "必填" if not f.has_default else (
        "可不填（默认为空）" if f.default is None else f"可不填（默认 {code(written(f.default))}）")
    form = "<br>".join(x for x in (
        f"{type_name(f.type)}" + (f"，单位：{md_inline(f.unit)}" if f.unit else ""),
        f"取值范围：{constraints(f)}" if constraints(f) != "—" else "",
        required) if x)
    return (f"| **{md_inline(f.name)}**<br>{code(f.id)} | {md_inline(f.description) or '—'} | {form} "
            f"| {code(example_text(f.example)) if f.example is not None else '—'} | {'、'.join(md_inline(b) for b in blocks) or '—'} | {rules} |")


def how_to_submit(scheme: Scheme) -> list[str]:
    """填报示例: the file a department writes, as a worked example generated from the scheme (it scores as
    written: tests/badinput/test_first_hour.py reads it back from this page), and the steps to check and score it."""
    rosters = [f"- {md_inline(b.name)}（`block: {b.id}`）：{md_inline('、'.join(b.subjects))}" for b in scheme.blocks]
    return [
        "## 填报示例 {#example}", "",
        f"用 Excel/WPS 模板填报、多个部门的工作簿合并，见 [如何填报]({scheme.id}-how-to-submit.md)。"
        "也可以直接写填报文件：填报文件是一个 UTF-8 编码的文本文件（如 `填报.yaml`，可用记事本、WPS 或任何编辑器编写）。"
        f"最快的开始是让程序写出全部考核对象的填报骨架：`zhibiao new submission {scheme.id} -o 填报.yaml`，"
        "再把各项的示例值改为实际情况。文件的样子如下（每个板块一个部门的完整示例，照此填写即可评分）：", "",
        "```yaml", submission_example.example(scheme).rstrip("\n"), "```", "",
        "- 第一部分写 `kind: submission`、方案标识 `scheme:` 和考核期 `period:`（开始、结束日期，YYYY-MM-DD）；"
        "评分按考核期最后一天有效的分值与参数。",
        "- `subjects:` 下每个考核对象以“- ”开头，写名称 `name:`（须与下面的名单一字不差）和板块 `block:`；"
        "`facts:` 下每行写一项事实的标识和值，`records:` 下每条记录一行。",
        "- 冒号用半角并在后面加一个空格，缩进只用空格；是/否 类的事实填 `是` 或 `否`；数字不加引号、不带单位。",
        "- 可以只填一部分部门（例如先自查），结果会注明名单不全；正式排名与评比请填全部部门。", "",
        "各板块的考核对象名单：", "", *rosters, "",
        "写好后先检查、再评分：`zhibiao validate 填报.yaml` 逐项对照本页的口径，所有问题一次列出（文件:行:列、哪个部门、"
        "哪一项、怎样改）；通过后 `zhibiao score 填报.yaml` 给出总分、排名和每一笔扣分的依据。", "",
    ]


def render_facts(scheme: Scheme) -> str:
    sid, used, labels = scheme.id, uses(scheme), rule_labels(scheme)
    blocks = {f.id: [b.name for b in scheme.blocks if f in scheme.facts_for(b.id)] for f in scheme.facts}
    rows = [_fact_row(f, blocks[f.id], _links(used.get(f.id, []), sid, labels)) for f in scheme.facts]
    out = [
        "每个考核对象（部门）按下列口径填报事实；评分只读取这里列出的事实。填报文件中每项事实写它的标识"
        "（名称下的英文小字），例如 `absent_members: 2`。“必填”表示没有默认值：漏填时评分会报错，并指出缺少哪一项。",
        "",
        *how_to_submit(scheme),
        f"## 事实（{len(scheme.facts)} 项）",
        "",
        "| 事实 | 填报说明 | 类型与取值 | 示例 | 适用板块 | 用于条款 |",
        "| --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
    ]
    if scheme.records:
        out += ["## 记录清单", "", "下列内容按“一条记录一行”填报（例如每位老师每学期一条）。", ""]
    for record in scheme.records:
        out += [f"### {md_inline(record.name)} {{#{record.id}}}", "",
                f"- 标识：`{record.id}`；计数单位：{md_inline(record.unit) or '—'}",
                f"- 用于条款：{_links(used.get(record.id, []), sid, labels)}", "", md(record.description), ""]
        fields = [[Raw(f"{h(f.name)}<br><code>{h(f.id)}</code>"), type_name(f.type), f.unit or "—", constraints(f),
                   example_text(f.example)] for f in record.fields]
        out.append(table(["字段", "类型", "单位", "取值范围", "示例"], fields))
        for d in record.derived:
            out.append(f"- 推导值“{md_inline(d.name)}”（`{d.id}`）：{md_inline(d.text)}")
        if record.decision:
            out += ["", '??? note "编码说明"', "", "    " + md_inline(record.decision)]
        out.append("")
    return "\n".join(out)


def render_facts_page(scheme: Scheme, info: DocumentInfo, ctx: Context, source: str) -> Page:
    title = f"{info.title}：填报口径"
    return Page(f"schemes/{scheme.id}-facts.md", title,
                page(info, title, render_facts(scheme), ctx.repo_url, hide=("navigation",)), SECTION, source,
                subsection=info.title, nav_title="填报口径")
