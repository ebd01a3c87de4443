"""The scheme schema explains every key of the assessment language in Chinese — a title, a description and
examples — so an editor completes and explains it; and every example it gives is itself valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
SCHEMA = json.loads((SCHEMAS / "scheme.schema.json").read_text(encoding="utf-8"))

# Where the keys of each mechanism are declared (JSON pointers into scheme.schema.json).
MECHANISMS = {
    "计分规则（按条件、按数量、按记录、分档、等级赋值、排名、与上期比较）": "/definitions/rule",
    "一档": "/definitions/band",
    "名次档": "/definitions/rank_band",
    "舍入": "/definitions/rounding",
    "考核类别（计分方法、基础分、最低分、权重、子项目）": "/definitions/category",
    "评比": "/definitions/award",
    "计分方法": "/properties/scoring",
    "等级赋值表": "/properties/grade_scales/items",
    "等级与系数": "/properties/grade_scales/items/properties/grades/items",
    "板块与开放名单": "/properties/blocks/items",
    "属性": "/properties/blocks/items/properties/attributes/items",
    "汇总指标": "/properties/measures/items",
    "一票否决": "/properties/vetoes/items",
    "评优限制": "/properties/eligibility/items",
    "考核等级": "/properties/grading/items",
    "等级档": "/properties/grading/items/properties/levels/items",
    "奖项": "/definitions/award/properties/tiers/items",
}
SHARED = {"id", "source", "decision"}  # explained once in common.schema.json


def at(pointer: str) -> dict:
    node = SCHEMA
    for part in pointer.strip("/").split("/"):
        node = node[part]
    return node


def keys():
    for mechanism, pointer in MECHANISMS.items():
        for key, node in at(pointer)["properties"].items():
            if key not in SHARED:
                yield pytest.param(pointer, key, node, id=f"{mechanism}.{key}")


@pytest.mark.parametrize(("pointer", "key", "node"), list(keys()))
def test_every_key_has_title_description_and_examples(pointer, key, node):
    assert isinstance(node.get("title"), str) and node["title"], f"{pointer}/{key} 缺少中文 title"
    assert isinstance(node.get("description"), str) and len(node["description"]) >= 4, f"{pointer}/{key} 缺少 description"
    assert isinstance(node.get("examples"), list) and node["examples"], f"{pointer}/{key} 缺少 examples"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in node["title"] + node["description"])


def _examples(node, pointer):
    if isinstance(node, dict):
        if "examples" in node:
            yield pointer, node["examples"]
        for k, v in node.items():
            if k != "examples":
                yield from _examples(v, f"{pointer}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _examples(v, f"{pointer}/{i}")


EXAMPLES = [(p, e) for p, es in _examples(SCHEMA, "") for e in es]


REGISTRY = Registry().with_resources(
    (p.name, Resource(contents=json.loads(p.read_text(encoding="utf-8")), specification=DRAFT7))
    for p in SCHEMAS.glob("*.schema.json"))


@pytest.mark.parametrize(("pointer", "example"), EXAMPLES, ids=[f"{p}#{i}" for i, (p, _) in enumerate(EXAMPLES)])
def test_every_example_is_valid_where_it_is_given(pointer, example):
    """An example an editor offers must be accepted when written there (checked against its own sub-schema,
    with the scheme's definitions and the common schema in reach)."""
    schema = {**at(pointer), "definitions": SCHEMA["definitions"], "$id": "scheme.schema.json"}
    errors = list(Draft7Validator(schema, registry=REGISTRY).iter_errors(example))
    assert not errors, f"{pointer} 的示例 {example!r} 不合模式：{errors[0].message}"
