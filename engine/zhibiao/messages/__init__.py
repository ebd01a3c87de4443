"""Every Chinese sentence a problem is reported with, produced from the problem's fields — in this one place.

A template names its fields; a format spec says how a value is shown:
    {x:q}     “x”                     (quoted name or text)
    {x:kind}  文字“三” / 数字 5 / 是/否 true / 列表 …   (what a person typed, with its kind)
    {x:show}  “x” / 5 / true / 空值 / 列表            (a value as the schema check shows it)
    {x:type}  文字 / 数字 / 整数 …                     (only the kind)
    {x:list}  a、b、c
    {x:dockind}  考核填报 / 复核填报 / 考核方案 … (a document kind); {x:dockindcommand} the command that reads it
    {x:char}  the Chinese name of a character (全角冒号“：”, 不换行空格…); {x:fix} how to write it instead
    {x:example} “，应写成“x””, or nothing when x is empty
    {suggest} “，是否想写“X”？” when the problem carries a `suggestion` (and its `suggestion_label`), else nothing
Codes are stable identifiers (the service returns them; tests may match them); wording may improve freely.
The templates live in one module per area (`core`: loading, schemas, schemes, submissions, standards…); an area
adds its module below and to `_AREAS`. A code is defined once: a duplicate is an error at import.
"""

from __future__ import annotations

import errno
import string
from decimal import Decimal
from typing import Any, Mapping

from ..numbers import fmt
from . import batch, checkup, core, coverage, daily, intake, language, operations, service, submission, syntax


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
        return f"数字 {plain(value) if isinstance(value, Decimal) else value}"
    if isinstance(value, str):
        return f"文字“{value if len(value) <= 40 else value[:30] + '…'}”"
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
        if spec == "char":
            return syntax.char_name(value)
        if spec == "fix":
            return syntax.char_fix(value)
        if spec == "example":
            return f"，应写成“{value}”" if value else ""
        if spec == "charhint":
            return submission.char_hint(value)
        if spec == "texthint":
            return submission.text_hint(value)
        if spec == "homeblock":
            return submission.home_block(value)
        if spec == "otherblock":
            return submission.other_block(value)
        if spec == "sep":
            return f"{value}；" if value else ""
        if spec == "roster":
            return submission.roster(value)
        if spec == "dockind":
            return core.DOCUMENT_KINDS.get(value, str(value))
        if spec == "dockindcommand":
            return core.DOCUMENT_COMMANDS.get(value, "zhibiao validate 校验它")
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


_OS_REASONS = {
    errno.ENOENT: "文件或所在的文件夹不存在", errno.EACCES: "没有权限（请换一个有写入权限的位置）",
    errno.EPERM: "操作不被允许", errno.EROFS: "这是只读的位置", errno.ENOSPC: "磁盘空间不足",
    errno.EISDIR: "这是一个文件夹", errno.ENOTDIR: "路径中的某一级不是文件夹", errno.ENAMETOOLONG: "文件名过长",
    errno.EDQUOT: "超出磁盘配额", errno.EIO: "读写出错（磁盘或网络盘故障？）", errno.EBUSY: "文件正被占用",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused a file operation, in Chinese (the system's own English is never shown)."""
    return _OS_REASONS.get(exc.errno or 0, f"系统错误（错误号 {exc.errno}）" if exc.errno else "系统错误")


def _merge(*areas: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for area in areas:
        twice = set(out) & set(area)
        if twice:
            raise RuntimeError(f"message codes defined twice: {sorted(twice)}")
        out.update(area)
    return out


_AREAS = (core.MESSAGES, intake.MESSAGES, submission.MESSAGES, syntax.MESSAGES, operations.MESSAGES, batch.MESSAGES,
          service.MESSAGES, language.MESSAGES, checkup.MESSAGES, daily.MESSAGES, coverage.MESSAGES)
MESSAGES: dict[str, str] = _merge(*_AREAS)
