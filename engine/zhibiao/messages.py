"""Every Chinese sentence a problem is reported with, produced from the problem's fields — in this one place.

A template names its fields; a format spec says how a value is shown:
    {x:q}     “x”                     (quoted name or text)
    {x:kind}  文字“三” / 数字 5 / 是/否 true / 列表 …   (what a person typed, with its kind)
    {x:show}  “x” / 5 / true / 空值 / 列表            (a value as the schema check shows it)
    {x:type}  文字 / 数字 / 整数 …                     (only the kind)
    {x:list}  a、b、c
    {suggest} “，是否想写“X”？” when the problem carries a `suggestion` (and its `suggestion_label`), else nothing
Codes are stable identifiers (the service returns them; tests may match them); wording may improve freely.
"""

from __future__ import annotations

import string
from decimal import Decimal
from typing import Any, Mapping

from .numbers import fmt


def kind_name(value: Any) -> str:
    if isinstance(value, bool):
        return "是/否"
    if isinstance(value, int):
        return "整数"
    if isinstance(value, (float, Decimal)):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "键值表"
    return "空值"


def with_kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"是/否 {str(value).lower()}"
    if isinstance(value, (int, Decimal)):
        return f"数字 {value}"
    if isinstance(value, str):
        return f"文字“{value}”"
    return kind_name(value)


def show(value: Any) -> str:
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "空值"
    if isinstance(value, (dict, list)):
        return kind_name(value)
    return str(value)


def plain(value: Any) -> str:
    """A field as plain text (for `Problem.expected` / `.actual` in data)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return fmt(value) if value.is_finite() else str(value)
    if isinstance(value, (list, tuple)):
        return "、".join(plain(v) for v in value)
    return str(value)


class _Formatter(string.Formatter):
    def format_field(self, value: Any, spec: str) -> str:
        if spec == "q":
            return f"“{value}”"
        if spec == "kind":
            return with_kind(value)
        if spec == "show":
            return show(value)
        if spec == "type":
            return kind_name(value)
        if spec == "list":
            return "、".join(str(v) for v in value)
        if spec == "":
            return plain(value) if isinstance(value, (Decimal, bool, list, tuple)) else str(value)
        return super().format_field(value, spec)


_FORMATTER = _Formatter()


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, fields: Mapping[str, Any]) -> str:
    template = MESSAGES.get(code)
    values = _Fields(fields)
    s = values.get("suggestion")
    values["suggest"] = f"，是否想写“{s}”{values.get('suggestion_label', '')}？" if s else ""
    if template is None:  # a code without a template is a bug of ours; still say something useful
        return f"{code}：" + "，".join(f"{k}={plain(v)}" for k, v in fields.items())
    return _FORMATTER.vformat(template, (), values)


MESSAGES: dict[str, str] = {
    # ---------------------------------------------------------------- reading files (load)
    "load.not-found": "文件不存在",
    "load.not-a-file": "这是一个文件夹，不是文件",
    "load.not-utf8": "文件不是 UTF-8 编码，请另存为 UTF-8",
    "load.unreadable": "无法读取文件：{reason}",
    "load.too-large": "文件过大：{actual} 字节，超过上限 {expected} 字节",
    "load.too-deep": "嵌套层数超过上限 {expected} 层（实际至少 {actual} 层）：请检查缩进或括号",
    "load.too-many-nodes": "文件过大：节点数超过 {expected}",
    "load.text-too-long": "文字过长：{actual} 个字符，超过上限 {expected} 个",
    "load.number-too-long": "数字“{actual}”位数过多（上限 {expected} 位有效数字）",
    "load.bad-character": "含有无法编码的字符（如孤立的代理项 {actual}），请删除或改正该字符",
    "load.yaml-syntax": "YAML 语法错误：{detail}",
    "load.json-syntax": "JSON 语法错误：{detail}",
    "load.duplicate-key": "重复的键“{key}”（第 {first_line} 行已经出现过）",
    "load.anchor": "不允许使用 YAML 锚点或别名（& 与 *），请把内容直接写出来",
    "load.complex-key": "键必须是普通文字（不支持复合键或 << 合并）",
    "load.not-finite": "不允许无穷大或非数字“{actual}”",
    "load.bad-number": "无法识别的数字“{actual}”",
    "load.empty": "文件是空的：{expected}",
    # ---------------------------------------------------------------- JSON Schema
    "schema.unknown-key": "{where}中有未知的键“{actual}”{suggest}（可用的键：{expected:list}）",
    "schema.required": "{where}缺少必填的键“{expected}”{detail}",
    "schema.type": "{where}应为{expected}，实际为{actual:type} {actual:show}",
    "schema.enum": "{where}的值 {actual:show} 不在允许范围内{suggest}（可选：{expected:list}）",
    "schema.const": "{where}应为 {expected:show}，实际为 {actual:show}",
    "schema.pattern": "{where}的值 {actual:show} 格式不对（{detail}）",
    "schema.minimum": "{where}不能小于 {expected}，实际为 {actual:show}",
    "schema.exclusiveMinimum": "{where}必须大于 {expected}，实际为 {actual:show}",
    "schema.maximum": "{where}不能大于 {expected}，实际为 {actual:show}",
    "schema.exclusiveMaximum": "{where}必须小于 {expected}，实际为 {actual:show}",
    "schema.minItems": "{where}至少需要 {expected} 项，实际 {actual} 项",
    "schema.minLength": "{where}不能为空",
    "schema.maxLength": "{where}过长：最多 {expected} 个字符，实际 {actual} 个",
    "schema.minProperties": "{where}不能为空表",
    "schema.uniqueItems": "{where}中有重复的项",
    "schema.no-form": "{where}的写法不符合任何一种允许的形式：{detail}",
    "schema.many-forms": "{where}同时符合多种写法，只能选一种：{detail}",
    "schema.other": "{where}不符合要求：{detail}",
    # ---------------------------------------------------------------- documents in a repository
    "doc.schema-line-missing": "第一行应为模式声明“{expected}”，编辑器据此提供补全和说明",
    "doc.schema-file-missing": "第一行声明的模式文件“{actual}”不存在",
    "doc.schema-line-kind": "第一行声明的模式“{actual}”与文件种类 kind: {kind} 不符（应为 {expected}）",
    "doc.kind-missing": "缺少文件种类“kind”（可选：{expected:list}）",
    "doc.kind-unknown": "未知的文件种类“{actual}”{suggest}（可选：{expected:list}）",
    "doc.kind-wrong": "文件种类应为“{expected}”，实际为“{actual}”",
    "doc.duplicate-id": "文件标识“{id}”版本 {version} 与 {other} 重复",
    "doc.not-mapping": "文件应为键值表（“键: 值”的形式），实际为{actual:type}",
    # ---------------------------------------------------------------- scheme semantics
    "scheme.duplicate-id": "{what}标识“{id}”重复（第 {first_line} 行已使用）",
    "scheme.duplicate-subject": "{block}板块名单中“{subject}”重复",
    "scheme.bad-date": "日期“{actual}”不存在（格式 YYYY-MM-DD，月 01–12，日按当月天数）",
    "scheme.parameter-order": "参数“{parameter}”的取值应按日期先后排列",
    "scheme.derived-field-unknown": "推导值“{derived}”引用的字段“{actual}”不在记录“{record}”中{suggest}",
    "scheme.derived-needs-list": "推导函数 {function} 需要一组小数（decimal-list）字段",
    "scheme.derived-condition": "规则“{rule}”对推导值“{derived}”（{function}）只能写“至少”条件（gte 或 gt），"
                                "规则引擎据此匹配连续或累计的记录",
    "scheme.derived-run-size": "规则“{rule}”要求推导值“{derived}”至少 {actual} 次：应为 1～{expected} 之间的整数",
    "scheme.param-unknown": "引用了未声明的参数“{actual}”{suggest}",
    "scheme.category-block-unknown": "考核类别“{category}”引用了不存在的板块“{actual}”（已有：{expected:list}）",
    "scheme.note-rule-unknown": "备注{note}引用的条款“{actual}”在考核类别“{category}”（{blocks}板块）中不存在{hint}{suggest}",
    "scheme.note-unmatched": "备注{note}“{text}”在{blocks}板块没有对应条款：{reason}",
    "scheme.points-total": "{block}板块各考核类别分值合计 {actual} 分，与满分 {expected} 分不一致",
    "scheme.fact-unused": "事实“{fact}”（{name}）已声明但没有规则使用它",
    "scheme.fact-default-type": "事实“{fact}”的默认值与类型“{expected}”不符",
    "scheme.fact-range": "事实“{fact}”的最小值 {minimum} 大于最大值 {maximum}",
    "scheme.count-fact-unknown": "规则“{rule}”按数量扣分所用的事实“{actual}”未在 facts 中声明{suggest}",
    "scheme.count-fact-type": "规则“{rule}”按数量扣分，事实“{fact}”应为整数或小数类型，实际为 {actual}",
    "scheme.record-unknown": "规则“{rule}”引用的记录清单“{actual}”未在 records 中声明{suggest}",
    "scheme.amount-over-points": "规则“{rule}”一次扣 {actual} 分，超过所在类别的分值 {expected} 分",
    "scheme.amount-order": "规则“{rule}”的分值应按日期先后排列",
    "scheme.condition-field-unknown": "规则“{rule}”的条件使用了未声明的{what}“{actual}”{suggest}",
    "scheme.condition-param-unknown": "规则“{rule}”引用了未声明的参数“{actual}”{suggest}",
    "scheme.condition-type": "规则“{rule}”把{what}“{field}”（{expected}）与不同类型的值 {actual!r} 比较",
    "scheme.condition-order": "规则“{rule}”对{what}“{field}”使用了大小比较，但它是 {expected} 类型",
    "scheme.award-basis": "评比依据“{actual}”既不是 total 也不是考核类别标识{suggest}",
    "scheme.revision-version": "最后一条修订记录的版本 {actual} 与文件版本 {expected} 不一致：修改文件时请同时提高版本并补充修订记录",
    # ---------------------------------------------------------------- submissions
    "submission.header": "填报文件 {file} 的格式有误：",
    "submission.bool": "{label}应填是/否（true 或 false），实际为{actual:kind}",
    "submission.number": "{label}应填数字，实际为{actual:kind}",
    "submission.integer": "{label}应为整数，实际为 {actual}",
    "submission.list": "{label}应填一组数字（列表），实际为{actual:kind}",
    "submission.list-item": "{label}第 {index} 项应填数字，实际为{actual:kind}",
    "submission.date": "{label}应为日期 YYYY-MM-DD，实际为{actual:kind}",
    "submission.text": "{label}应填文字，实际为{actual:kind}",
    "submission.below-minimum": "{label}不能小于 {expected}{hint}，实际为 {actual}",
    "submission.above-maximum": "{label}不能大于 {expected}，实际为 {actual}",
    "submission.too-many-digits": "{label}的有效数字超过 {expected} 位：{actual}",
    "submission.block-unknown": "考核对象“{subject}”的板块“{actual}”在方案“{scheme}”中不存在（已有板块：{expected:list}）",
    "submission.subject-unknown": "考核对象“{subject}”不在方案{block}板块的名单中{hint}{suggest}",
    "submission.subject-twice": "考核对象“{subject}”重复出现（第 {first_line} 行已填报）",
    "submission.fact-unknown": "考核对象“{subject}”填报了方案中没有的事实“{actual}”{suggest}",
    "submission.fact-other-block": "考核对象“{subject}”（{block}板块）填报了事实“{fact}”（{name}），但该事实{used_by}，"
                                   "{block}板块的考核对象不填这一项",
    "submission.fact-missing": "考核对象“{subject}”缺少必须填报的事实“{expected}”（{name}）：{description}",
    "submission.record-unknown": "考核对象“{subject}”填报了方案中没有的记录清单“{actual}”{suggest}",
    "submission.record-other-block": "考核对象“{subject}”（{block}板块）填报了记录清单“{record}”（{name}），但它只用于"
                                     "{used_by}板块，{block}板块的考核对象不填这一项",
    "submission.field-unknown": "考核对象“{subject}”的记录“{record}”中有未知字段“{actual}”{suggest}",
    "submission.field-missing": "考核对象“{subject}”的记录“{record}”缺少字段“{expected}”（{name}）",
    "submission.period-invalid": "考核期日期无效：{start} 至 {end}",
    "submission.period-order": "考核期结束日期 {actual} 早于开始日期 {expected}",
    "submission.errors": "填报文件 {file} 有 {count} 处错误，未评分、未写出任何文件：",
    "submission.scheme-mismatch": "填报文件声明的方案是“{actual}”，但评分使用的是“{expected}”",
    # ---------------------------------------------------------------- finding schemes and versions
    "repo.scheme-unknown": "找不到考核方案“{actual}”{suggest}（已有：{expected}）",
    "repo.version-unknown": "考核方案“{scheme}”没有版本 {actual}（已有版本：{expected}）",
    "repo.no-live-version": "考核方案“{scheme}”没有生效的版本（{versions}）；草案和废止的版本只在明确指定时使用，"
                            "如 --scheme {scheme}@{example}",
    "repo.not-a-repository": "这里不是质标仓库：找不到 schemas/scheme.schema.json",
    "repo.standards-invalid": "standards/ 中的文件有错误，请先运行 zhibiao validate 修正：{detail}",
    "repo.version-not-raised": "文件内容自 {base} 以来已修改，但版本仍为 {actual}（{base} 中为 {old}）："
                               "请提高版本（如 {expected}）并在 revisions 末尾补充一条修订记录",
    "repo.revision-missing": "文件内容自 {base} 以来已修改，但没有新增修订记录（{base} 中已有 {old} 条，现有 {actual} 条）："
                             "请在 revisions 末尾补充一条，写明版本、日期和修订内容摘要",
    "repo.scheme-invalid": "考核方案 {file} 有错误，请先运行 zhibiao validate 修正：",
    "score.before-effective": "评分日期 {actual} 早于方案“{scheme}”{version} 的生效日期 {expected}："
                              "该日期没有可用的条款（可用 --as-of 指定日期）",
    "score.subject-absent": "填报文件中没有考核对象“{actual}”{suggest}",
    "score.bad-weight": "计入年终考核的比例应为 0 到 1 之间的数，实际为 {actual}",
    # ---------------------------------------------------------------- git history
    "git.missing": "找不到 git 命令：比较版本需要安装 git",
    "git.failed": "git {command} 失败：{detail}",
    "git.bad-revision": "“{actual}”不是有效的版本名",
    "git.unknown-revision": "git 中没有版本“{actual}”（可以写分支名、标签或提交号，如 main、HEAD~1）",
    # ---------------------------------------------------------------- writing files
    "output.is-folder": "输出位置是一个文件夹，请写文件名，如 结果.json",
    "output.unwritable": "无法写入输出文件：{reason}",
    # ---------------------------------------------------------------- the committee workflow
    "impact.no-facts": "没有可用于比较的填报文件：请在命令后列出填报文件",
    "diff.neither": "“{actual}”既不是文件，也不是 git 中的版本（分支名、标签或提交号）",
    "new.exists": "文件已存在，不会覆盖；请换一个文件名，或先删除/改名原文件",
    "new.bad-id": "标识“{actual}”不合规：只能用小写字母、数字、点、下划线、连字符，且以字母或数字开头（如 {example}）",
    "new.fact-hyphen": "事实标识“{actual}”请用下划线代替连字符（如 {expected}），以便在条件中引用",
    # ---------------------------------------------------------------- the engine
    "engine.dropped": "规则引擎漏看了 {actual} 条事实（如 {examples}），已停止评分",
    "engine.failed": "规则引擎出错（{detail}），已停止，未输出任何结果",
}

MESSAGES.update({
    # ---------------------------------------------------------------- standards documents
    "std.duplicate": "{what}“{actual}”重复（第 {first_line} 行已经出现过）",
    "std.element-code": "诊断要素编号“{actual}”与所属诊断项目“{item} {name}”不符（应以“{item}.”开头）",
    "std.element-no-points": "诊断要素“{element} {name}”没有诊断点（每个诊断要素至少一个诊断点）",
    "std.member-unknown": "{system}系统中的部门“{actual}”不在部门目录（departments）中",
    "std.member-twice": "部门“{actual}”同时归属{first}系统和{second}系统",
    "std.id-elsewhere": "标准标识“{actual}”与其他标准文件中的标识重复",
    "std.department-unknown": "{role}“{actual}”不在部门目录中",
    "std.link-unknown": "{key} 引用的{what}“{actual}”不存在（{where}中没有这个标识）",
    "std.loop-step-unknown": "循环“{loop}”中的环节“{actual}”不在 steps 中",
    "std.goal-unknown": "目标“{goal}”细化的上级目标“{actual}”不存在",
    "std.body-unknown": "机构“{body}”的上级“{actual}”不存在",
    "std.tiers": "三级质保组织应各有一个第1、2、3级机构（tier），实际为 {actual}",
    "std.tier-parent": "第{tier}级机构“{body}”应向第{expected}级机构负责",
    "std.period-order": "“{name}”的结束日期 {actual} 早于开始日期 {expected}",
    "std.phase-order": "阶段序号应从 1 起连续递增，实际为 {actual}",
    # ---------------------------------------------------------------- review procedure (复核程序)
    "review.conclusions": "复核结论应为有效、异常、待改进各一个，实际为 {actual:list}",
    "review.element-count-missing": "缺少参数“element_count”（诊断要素总数）",
    "review.otherwise-count": "应恰有一个结论标明 otherwise（“上述标准以外的其他情况”），实际 {actual} 个",
    "review.otherwise-xor": "结论“{conclusion}”应当要么有 conditions，要么标明 otherwise，二者取一",
    "review.param-unknown": "{owner}引用的参数“{actual}”不存在",
    "review.combination": "结论“{conclusion}”的条件组合方式应为 all（全部成立）或 any（任一成立），实际为“{actual}”",
    "review.field-unknown": "{owner}的条件使用了未知字段“{actual}”（可用：{expected:list}）",
    "review.value-unknown": "{owner}的条件中“{field}”的取值“{actual}”不在可选值中（{expected:list}）",
    # ---------------------------------------------------------------- objectives (质量目标)
    "objectives.duplicate": "指标标识“{actual}”重复",
    "objectives.grades": "指标“{name}”按等级判断，需要 grades（等级列表）和其中之一作为 standard_grade",
    "objectives.standard-missing": "指标“{name}”缺少标准值（standard）",
    "objectives.order": "指标“{name}”（{direction}）应满足 {first} {rel} {second}，实际 {first} {first_value}、{second} {second_value}",
    # ---------------------------------------------------------------- review and indicator submissions
    "form.not-mapping": "{what}应为键值表，含 {expected}",
    "form.missing": "{prefix}缺少“{key}”（{what}）",
    "form.type": "{prefix}“{key}”（{what}）应为{expected}，实际为“{actual}”",
    "form.unknown-key": "{prefix}不认识的字段“{actual}”{suggest}（可用：{expected:list}）",
    "form.date": "{subject}：“{key}”（{what}）应为 YYYY-MM-DD，实际为“{actual}”",
    "form.item-not-mapping": "第 {index} 所院校：应为键值表",
    "form.element-twice": "{subject}：诊断要素“{actual}”重复",
    "form.element-count": "{subject}：诊断要素应为 {expected} 项，实际 {actual} 项",
    "form.measures-unknown": "{subject}：改进措施评价“{actual}”不在可选值中{suggest}（可选：{expected:list}）",
    "form.conclusion-unknown": "{subject}：以往复核结论“{actual}”不在可选值中{suggest}（可选：{expected:list}）",
    "form.history-order": "{subject}：以往复核日期 {actual} 不早于本次复核日期 {expected}",
    "form.colleges-empty": "colleges 为空：至少填写一所院校",
    "form.indicator-unknown": "未知的指标“{actual}”{suggest}（可选：{expected:list}）",
    "form.indicator-twice": "指标“{name}”重复填报",
    "form.grade-unknown": "{name}：等级“{actual}”不在可选值中（可选：{expected:list}）",
    "form.standards-missing": "standards/ 中找不到标识为“{actual}”的 {kind} 文件",
})
