"""Render a list of document changes as terminal text, Markdown (for a pull-request comment) or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict

from .diff import Change, DocumentDiff

KIND_LABELS = {"scheme": "考核方案", "standard": "标准", "submission": "填报", "diagnosis-table": "诊断项目表",
               "review-procedure": "复核程序", "objectives": "质量目标", "organization": "质保组织",
               "roadmap": "路线图", "system-map": "五纵五横", "improvement-spiral": "8字形螺旋"}
SECTION_ORDER = ["元数据", "考核类别", "规则", "条款原文", "备注", "事实", "记录", "参数", "板块", "条目"]


def _title(d: DocumentDiff) -> str:
    path = d.new_path or d.old_path
    return f"{KIND_LABELS.get(d.kind, d.kind)} {d.id}（{d.title}）{path}"


def _grouped(d: DocumentDiff) -> list[tuple[str, list[Change]]]:
    sections = sorted({c.section for c in d.changes}, key=lambda s: (SECTION_ORDER + [s]).index(s))
    return [(s, [c for c in d.changes if c.section == s]) for s in sections]


def _line(c: Change) -> str:
    who = f"{c.target}" + (f"（{c.name}）" if c.name and c.action != "修改" else "")
    if c.action == "新增":
        return f"新增 {who}" + (f"：{c.new}" if c.new else "")
    if c.action == "删除":
        return f"删除 {who}" + (f"：{c.old}" if c.old else "")
    head = c.label if c.section == "元数据" and c.target == c.label else f"{c.target} {c.label}"
    if c.text_diff:
        return f"修改 {head}："
    return f"修改 {head}：{c.old if c.old is not None else '（无）'} → {c.new if c.new is not None else '（无）'}"


def count(diffs: list[DocumentDiff]) -> int:
    return sum(max(1, len(d.changes)) for d in diffs)


def render_text(diffs: list[DocumentDiff], old_label: str, new_label: str) -> str:
    out = [f"规则改动：{old_label} → {new_label}"]
    if not diffs:
        return out[0] + "\n没有改动。\n"
    for d in diffs:
        out += ["", f"━━ {d.status} {_title(d)}"]
        for section, changes in _grouped(d):
            out.append(f"【{section}】")
            for c in changes:
                out.append("  " + _line(c))
                out += ["    " + x for x in c.text_diff]
    out += ["", f"共 {len(diffs)} 个文件、{count(diffs)} 处改动。"]
    return "\n".join(out) + "\n"


def _cell(text: str | None) -> str:
    return "" if text is None else text.replace("|", "\\|").replace("\n", " ")


def render_markdown(diffs: list[DocumentDiff], old_label: str, new_label: str) -> str:
    out = [f"## 规则改动：`{old_label}` → `{new_label}`", ""]
    if not diffs:
        return "\n".join(out + ["没有改动。", ""])
    out += [f"共 {len(diffs)} 个文件、{count(diffs)} 处改动。", ""]
    for d in diffs:
        out += [f"### {d.status}：{KIND_LABELS.get(d.kind, d.kind)} `{d.id}` {d.title}", "",
                f"文件：`{d.new_path or d.old_path}`", ""]
        for section, changes in _grouped(d):
            out += [f"**{section}**", "", "| 改动 | 对象 | 项目 | 原 | 新 |", "|---|---|---|---|---|"]
            wording = []
            for c in changes:
                target = f"`{c.target}`" if c.section != "元数据" else c.target
                if c.text_diff:
                    out.append(f"| {c.action} | {target} | {c.label} | 见下方文字差异 | |")
                    wording.append(c)
                else:
                    item = "" if c.section == "元数据" and c.target == c.label else _cell(c.label or c.name)
                    out.append(f"| {c.action} | {target} | {item} | {_cell(c.old)} | {_cell(c.new)} |")
            out.append("")
            for c in wording:
                out += [f"`{c.target}` {c.label}：", "", "```diff", *c.text_diff, "```", ""]
    return "\n".join(out)


def render_json(diffs: list[DocumentDiff], old_label: str, new_label: str) -> str:
    data = {"old": old_label, "new": new_label, "documents": [asdict(d) for d in diffs]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
