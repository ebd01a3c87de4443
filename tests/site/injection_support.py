"""Copies of the real documents with a payload in every free-text field, for the site's injection tests.

A "free-text field" is found from the documents' own JSON Schemas, not from a list kept here: every string of
every document under rules/ and standards/ is tried with the payload appended, and kept when the document still
passes its schema (ids, dates, versions and enumerations have patterns or fixed values and refuse it). So a field
added to a schema tomorrow is covered without editing this file. Plain ASCII words (`any`, `all`, fact ids in
conditions) are left alone: they are keywords and references that semantic validation checks, not prose.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from ruamel.yaml import YAML

# One string carrying every kind of payload: script and event-handler HTML, javascript: links (HTML and
# Markdown), a Markdown image from another host (would be an outside request), Jinja- and placeholder-looking
# text, attribute-breaking quotes, a closing </title>, pre-escaped entities, Markdown emphasis and attribute
# lists, a table pipe and a line-start heading/list on a second line.
PAYLOAD = (
    " <script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)>"
    " [点我](javascript:alert(4)) ![图](https://evil.example/x.png) <a href=\"javascript:alert(5)\">链</a>"
    " {{ 7*7 }}{% if true %}真{% endif %} {{ zb:count.documents }}"
    " \" onmouseover=\"alert(6)\" ' onfocus='alert(7)' autofocus='"
    " </title><script>alert(8)</script> &lt;script&gt;alert(9)&lt;/script&gt; <!--"
    " **粗** _斜_ `码` {: onclick=\"alert(10)\"} | 竖线 |"
    "\n# 假标题\n- 假列表 javascript:alert(11)"
)
# What a reader should see of it somewhere on each page (HTML-escaped as a browser would show it as text).
MARKER = "<script>alert(1)</script>"
SCHEMA_OF_KIND = {"scheme": "scheme", "standard": "standard"}


def _registry(schemas: Path) -> Registry:
    resources = []
    for path in schemas.glob("*.schema.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents.get("$id", path.name), Resource.from_contents(contents, default_specification=DRAFT7)))
    return Registry().with_resources(resources)


def _validator(schemas: Path, kind: str) -> Draft7Validator:
    name = SCHEMA_OF_KIND.get(kind, kind)
    schema = json.loads((schemas / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, registry=_registry(schemas))


def _strings(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, (*path, i))
    elif isinstance(node, str):
        yield path, node


def _keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield str(k)
            yield from _keys(v)
    elif isinstance(node, list):
        for v in node:
            yield from _keys(v)


def _set(node: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _plain(node: Any) -> Any:
    """The round-trip data as plain JSON types (dates as strings), as the schema check sees it."""
    return json.loads(json.dumps(node, default=str))


def _kind(where: tuple) -> str:
    """The field a value sits in, without list positions: `categories/clauses/rules/text`."""
    return "/".join(str(k) for k in where if not isinstance(k, int))


def poison(path: Path, schemas: Path) -> list[str]:
    """Append PAYLOAD to every free-text field of one YAML document, in place; return the fields' paths."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    data = yaml.load(path.read_text(encoding="utf-8"))
    validator = _validator(schemas, data["kind"])
    strings = list(_strings(data))
    free: dict[str, bool] = {}  # field kind → takes free text (tried once, on its first value)
    for where, text in strings:
        kind = _kind(where)
        if kind not in free and not re.fullmatch(r"[A-Za-z0-9_.:/-]*", text):
            _set(data, where, text + PAYLOAD)
            free[kind] = not any(True for _ in validator.iter_errors(_plain(data)))
            _set(data, where, text)
    # The same text in two places must stay the same text (names are cross-referenced): a value is poisoned
    # everywhere or nowhere, and nowhere if one of its places is not free text.
    kinds_of: dict[str, set[str]] = {}
    for where, text in strings:
        kinds_of.setdefault(text, set()).add(_kind(where))
    keys = set(_keys(data))  # a text that is also a mapping key (`amounts: {一级: 10}`) is a reference too
    chosen = {text for text, kinds in kinds_of.items()
              if all(free.get(k) for k in kinds) and text not in keys and not re.fullmatch(r"[A-Za-z0-9_.:/-]*", text)}
    changed = []
    for where, text in strings:
        if text in chosen:
            _set(data, where, text + PAYLOAD)
            changed.append("/".join(map(str, where)))
    errors = [e.message for e in validator.iter_errors(_plain(data))]
    assert not errors, f"{path.name} 注入后不再合乎模式：{errors[:3]}"
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return changed


def poison_repository(root: Path) -> dict[str, list[str]]:
    """Every document under rules/ and standards/ of a repository copy; returns file → poisoned fields."""
    out = {}
    for folder in ("rules", "standards"):
        for path in sorted((root / folder).rglob("*.yaml")):
            out[path.relative_to(root).as_posix()] = poison(path, root / "schemas")
    return out
