"""JSON Schema validation (draft-07) with every error in Chinese at file:line:column.

Collects all errors (iter_errors), never stops at the first: the committee fixes a file in one round.
"""

from __future__ import annotations

import difflib
import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError as SchemaError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from .errors import Problem
from .loading import Document, Pointer, format_pointer
from .paths import schemas_dir

TYPE_NAMES = {
    "string": "文字", "number": "数字", "integer": "整数", "boolean": "是/否（true/false）",
    "object": "键值表", "array": "列表", "null": "空值",
}


@lru_cache(maxsize=None)
def _registry(folder: str) -> Registry:
    resources = []
    for path in sorted(Path(folder).glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource(contents=contents, specification=DRAFT7)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def validator(schema_name: str) -> Draft7Validator:
    folder = schemas_dir()
    path = folder / schema_name
    schema = json.loads(path.read_text(encoding="utf-8"))
    checker = Draft7Validator.TYPE_CHECKER.redefine(
        "number", lambda _c, v: isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)
    ).redefine(
        "integer",
        lambda _c, v: (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, Decimal) and v == v.to_integral_value()),
    )
    from jsonschema.validators import extend

    cls = extend(Draft7Validator, type_checker=checker)  # Decimal counts as a number
    return cls(schema, registry=_registry(str(folder)))


def _type_of(value: Any) -> str:
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


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "空值"
    if isinstance(value, (dict, list)):
        return _type_of(value)
    return str(value)


def _where(pointer: Pointer) -> str:
    text = format_pointer(pointer)
    return f"“{text}”" if text else "文件顶层"


def message(error: SchemaError) -> tuple[str, Pointer, bool]:
    """Chinese message, the pointer it concerns, and whether the position is the key's (not the value's)."""
    path: Pointer = tuple(error.absolute_path)
    v, inst, schema = error.validator, error.instance, error.schema
    if v == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = [k for k in inst if k not in schema.get("properties", {})]
        key = extras[0] if extras else ""
        hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.5)
        tip = f"，是否想写“{hint[0]}”？" if hint else ""
        return (f"{_where(path)}中有未知的键“{key}”{tip}（可用的键：{'、'.join(allowed)}）", path + (key,), True)
    if v == "required":
        missing = error.validator_value
        name = next((k for k in missing if k not in inst), missing[0]) if isinstance(inst, dict) else missing[0]
        desc = schema.get("properties", {}).get(name, {}).get("description", "")
        extra = f"：{desc}" if desc else ""
        return (f"{_where(path)}缺少必填的键“{name}”{extra}", path, False)
    if v == "type":
        want = error.validator_value
        wants = "或".join(TYPE_NAMES.get(t, t) for t in (want if isinstance(want, list) else [want]))
        return (f"{_where(path)}应为{wants}，实际为{_type_of(inst)} {_show(inst)}", path, False)
    if v == "enum":
        options = "、".join(str(o) for o in error.validator_value)
        hint = difflib.get_close_matches(str(inst), [str(o) for o in error.validator_value], n=1, cutoff=0.3)
        tip = f"，是否想写“{hint[0]}”？" if hint else ""
        return (f"{_where(path)}的值 {_show(inst)} 不在允许范围内{tip}（可选：{options}）", path, False)
    if v == "const":
        return (f"{_where(path)}应为 {_show(error.validator_value)}，实际为 {_show(inst)}", path, False)
    if v == "pattern":
        desc = schema.get("description", "")
        return (f"{_where(path)}的值 {_show(inst)} 格式不对（{desc or '期望格式：' + error.validator_value}）", path, False)
    if v in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        word = {"minimum": "不能小于", "exclusiveMinimum": "必须大于", "maximum": "不能大于", "exclusiveMaximum": "必须小于"}[v]
        return (f"{_where(path)}{word} {error.validator_value}，实际为 {_show(inst)}", path, False)
    if v == "minItems":
        return (f"{_where(path)}至少需要 {error.validator_value} 项，实际 {len(inst)} 项", path, False)
    if v == "minLength":
        return (f"{_where(path)}不能为空", path, False)
    if v == "minProperties":
        return (f"{_where(path)}不能为空表", path, False)
    if v == "uniqueItems":
        return (f"{_where(path)}中有重复的项", path, False)
    if v in ("oneOf", "anyOf"):
        best = _best_context(error)
        if best is not None:
            return message(best)
        return (f"{_where(path)}的写法不符合任何一种允许的形式：{schema.get('description', '')}", path, False)
    return (f"{_where(path)}不符合要求：{error.message}", path, False)


def _best_context(error: SchemaError) -> SchemaError | None:
    """For oneOf/anyOf, the sub-error that went deepest is the most helpful to show."""
    candidates = [e for e in error.context or [] if e.validator not in ("type",) or len(error.context) == 1]
    if not candidates:
        candidates = list(error.context or [])
    if not candidates:
        return None
    # one-branch-too-many (oneOf with several matching) has no context errors; handled by caller
    return max(candidates, key=lambda e: (len(e.absolute_path), e.validator != "required"))


def check(doc: Document, schema_name: str) -> list[Problem]:
    problems: list[Problem] = []
    errors: Iterable[SchemaError] = validator(schema_name).iter_errors(doc.data)
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        if error.validator == "oneOf" and not error.context:
            text, pointer, at_key = (f"{_where(tuple(error.absolute_path))}同时符合多种写法，只能选一种："
                                     f"{error.schema.get('description', '')}", tuple(error.absolute_path), False)
        else:
            text, pointer, at_key = message(error)
        problems.append(Problem(doc.where(pointer, key=at_key), text, pointer=format_pointer(pointer)))
    return _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        k = (str(p.location), p.message)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out
