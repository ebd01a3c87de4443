"""JSON Schema validation (draft-07) with every error in Chinese at file:line:column.

Collects all errors (iter_errors), never stops at the first: the committee fixes a file in one round.
Schemas are read from one folder (a repository's `schemas/`), cached per folder — no working-directory lookup.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import fastjsonschema
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.validators import extend
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from ..errors import Problem
from ..load import Document, Pointer, format_pointer

TYPE_NAMES = {
    "string": "文字", "number": "数字", "integer": "整数", "boolean": "是/否（true/false）",
    "object": "键值表", "array": "列表", "null": "空值",
}

_CHECKER = Draft7Validator.TYPE_CHECKER.redefine(
    "number", lambda _c, v: isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)
).redefine(
    "integer",
    lambda _c, v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, Decimal) and v == v.to_integral_value()),
)
_Validator = extend(Draft7Validator, type_checker=_CHECKER)  # Decimal counts as a number


@lru_cache(maxsize=8)
def _registry(folder: Path) -> Registry:
    resources = []
    for path in sorted(folder.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource(contents=contents, specification=DRAFT7)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=64)
def validator(folder: Path, schema_name: str) -> Draft7Validator:
    schema = json.loads((folder / schema_name).read_text(encoding="utf-8"))
    return _Validator(schema, registry=_registry(folder))


def kinds(folder: Path) -> list[str]:
    """Document kinds with a schema in `folder` (the shared header `common` is not a kind)."""
    return sorted(p.name.removesuffix(".schema.json") for p in folder.glob("*.schema.json")
                  if p.name != "common.schema.json")


def _where(pointer: Pointer) -> str:
    text = format_pointer(pointer)
    return f"“{text}”" if text else "文件顶层"


def _problem(error: SchemaError, base: Pointer = ()) -> tuple[str, dict[str, Any], Pointer, bool]:
    """Code, fields, the pointer it concerns, and whether the position is the key's (not the value's).
    `base`: where the validated instance sits in its document (an item checked on its own)."""
    path: Pointer = base + tuple(error.absolute_path)
    v, inst, schema = error.validator, error.instance, error.schema
    where = _where(path)
    if v == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = [k for k in inst if k not in schema.get("properties", {})]
        key = extras[0] if extras else ""
        hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.5)
        return ("schema.unknown-key", dict(where=where, actual=key, expected=allowed,
                                           suggestion=hint[0] if hint else ""), path + (key,), True)
    if v == "required":
        missing = error.validator_value
        name = next((k for k in missing if k not in inst), missing[0]) if isinstance(inst, dict) else missing[0]
        desc = schema.get("properties", {}).get(name, {}).get("description", "")
        return ("schema.required", dict(where=where, expected=name, detail=f"：{desc}" if desc else ""), path, False)
    if v == "type":
        want = error.validator_value
        wants = "或".join(TYPE_NAMES.get(t, t) for t in (want if isinstance(want, list) else [want]))
        return ("schema.type", dict(where=where, expected=wants, actual=inst), path, False)
    if v == "enum":
        options = [str(o) for o in error.validator_value]
        hint = difflib.get_close_matches(str(inst), options, n=1, cutoff=0.3)
        return ("schema.enum", dict(where=where, actual=inst, expected=options, suggestion=hint[0] if hint else ""),
                path, False)
    if v == "const":
        return ("schema.const", dict(where=where, expected=error.validator_value, actual=inst), path, False)
    if v == "pattern":
        desc = schema.get("description", "")
        return ("schema.pattern", dict(where=where, actual=inst, expected=error.validator_value,
                                       detail=desc or "期望格式：" + error.validator_value), path, False)
    if v in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        return (f"schema.{v}", dict(where=where, expected=error.validator_value, actual=inst), path, False)
    if v == "minItems":
        return ("schema.minItems", dict(where=where, expected=error.validator_value, actual=len(inst)), path, False)
    if v == "maxLength":
        return ("schema.maxLength", dict(where=where, expected=error.validator_value, actual=len(inst)), path, False)
    if v in ("minLength", "minProperties", "uniqueItems"):
        return (f"schema.{v}", dict(where=where), path, False)
    if v == "not" and isinstance(inst, dict):
        # a form that excludes other keys ("when / count / each: one only"): name the keys written together
        named = set(_required_keys(error.validator_value)) | set(schema.get("required", []))
        present = [k for k in inst if k in named]
        parent = error.parent.schema if error.parent is not None and isinstance(error.parent.schema, dict) else {}
        if len(present) > 1:
            return ("schema.exclusive", dict(where=where, actual=present, detail=parent.get("description", "")),
                    path + (present[1],), True)
    if v in ("oneOf", "anyOf"):
        best = _best_context(error)
        if best is not None:
            return _problem(best, base)
        return ("schema.no-form", dict(where=where, detail=schema.get("description", "")), path, False)
    return ("schema.other", dict(where=where, detail=error.message), path, False)


def _required_keys(schema: Any) -> list[str]:
    """Keys a (sub)schema requires, through anyOf/oneOf/allOf."""
    if not isinstance(schema, dict):
        return []
    out = list(schema.get("required", []))
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            out += _required_keys(sub)
    return out


def _best_context(error: SchemaError) -> SchemaError | None:
    """For oneOf/anyOf, the sub-error that went deepest is the most helpful to show."""
    candidates = [e for e in error.context or [] if e.validator not in ("type",) or len(error.context) == 1]
    if not candidates:
        candidates = list(error.context or [])
    if not candidates:
        return None
    return max(candidates, key=lambda e: (len(e.absolute_path), e.validator != "required"))


def check(doc: Document, folder: Path, schema_name: str) -> list[Problem]:
    return _problems(doc, validator(folder, schema_name).iter_errors(doc.data))


def _problems(doc: Document, errors: Iterable[SchemaError], base: Pointer = ()) -> list[Problem]:
    problems: list[Problem] = []
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        if error.validator == "oneOf" and not error.context:
            path = base + tuple(error.absolute_path)
            code, fields, pointer, at_key = ("schema.many-forms", dict(where=_where(path),
                                             detail=error.schema.get("description", "")), path, False)
        else:
            code, fields, pointer, at_key = _problem(error, base)
        problems.append(Problem.of(code, doc.where(pointer, key=at_key), pointer=format_pointer(pointer), **fields))
    return _dedupe(problems)


class SplitCheck:
    """A document whose one list may be too long to check at once (a province's `subjects`): the rest of the
    document (the header) is checked as a whole, each item on its own, with the same problems, in the same words,
    at the same places as `check` of the whole document would give.

    Items are first tried against a compiled form of the item schema (fastjsonschema, ~100× faster than the
    interpreting validator); only an item it refuses goes through jsonschema, which says what is wrong. An item
    jsonschema accepts passes even if the compiled form refused it (a Decimal where a number is expected), so
    the fast form decides speed, never the outcome."""

    def __init__(self, folder: Path, schema_name: str, key: str) -> None:
        schema = json.loads((folder / schema_name).read_text(encoding="utf-8"))
        self.key = key
        items = schema["properties"][key]
        self.min_items = int(items.get("minItems", 0))
        self.item_schema = items.get("items", {})
        header = dict(schema, properties=dict(schema["properties"], **{key: {"type": "array"}}))
        self.header = _Validator(header, registry=_registry(folder))
        self.root = _Validator(schema, registry=_registry(folder))  # items' references resolve in the whole schema
        self.fast = _compiled(self.item_schema, schema, folder)

    def check_header(self, doc: Document) -> list[Problem]:
        """The document without its list (the list's value should be given as [] in `doc.data`)."""
        return _problems(doc, self.header.iter_errors(doc.data))

    def check_item(self, doc: Document, index: int, data: Any) -> list[Problem]:
        if self.fast is not None:
            try:
                self.fast(data)
                return []
            except Exception:  # the compiled form refused it: let jsonschema say what is wrong, if anything
                pass
        return _problems(doc, self.root.descend(data, self.item_schema), (self.key, index))

    def check_count(self, doc: Document, count: int) -> list[Problem]:
        if count >= self.min_items:
            return []
        pointer = (self.key,)
        return [Problem.of("schema.minItems", doc.where(pointer), pointer=format_pointer(pointer),
                           where=_where(pointer), expected=self.min_items, actual=count)]


def check_split(doc: Document, folder: Path, schema_name: str, key: str) -> list[Problem]:
    """`check` of a document whose list `key` may be long: the same problems, found item by item."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return check(doc, folder, schema_name)
    split = split_check(folder, schema_name, key)
    problems = split.check_header(dataclasses.replace(doc, data=dict(data, **{key: []})))
    for i, item in enumerate(data[key]):
        problems += split.check_item(doc, i, item)
    return problems + split.check_count(doc, len(data[key]))


@lru_cache(maxsize=16)
def split_check(folder: Path, schema_name: str, key: str) -> SplitCheck:
    return SplitCheck(folder, schema_name, key)


def _compiled(schema: dict, root: dict, folder: Path) -> Any:
    """The item schema compiled to Python (its references inlined), or None when the schema uses something the
    compiler does not take (then every item goes through jsonschema)."""
    try:
        return fastjsonschema.compile(_inline(schema, root, folder, 0), use_default=False, use_formats=False)
    except Exception:  # noqa: BLE001 — any failure only costs speed
        return None


def _inline(node: Any, root: Any, folder: Path, depth: int) -> Any:
    """`node` with every $ref replaced by what it points to (in `root`, or in another file of `folder`)."""
    if depth > 40:
        raise ValueError("references nest too deep")
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            file, _, fragment = ref.partition("#")
            target = root if not file else json.loads((folder / file).read_text(encoding="utf-8"))
            doc = target
            for part in [p for p in fragment.split("/") if p]:
                target = target[part]
            return _inline(target, doc, folder, depth + 1)
        return {k: _inline(v, root, folder, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, root, folder, depth + 1) for v in node]
    return node


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        k = (str(p.location), p.message)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out
