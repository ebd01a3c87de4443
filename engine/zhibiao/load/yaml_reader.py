"""YAML → plain data, built from ruamel.yaml's node tree ourselves, so that:
- every value's line and column is kept (errors name file:line:column);
- duplicate keys and anchors/aliases (the "billion laughs" bomb) are refused;
- decimals stay exact (0.1 becomes Decimal("0.1"), never a float); dates stay text (the model parses them),
  so JSON Schema sees the same thing for YAML and JSON;
- the declared limits (depth, node count, text length, number size) are enforced as nodes are built.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import LoadError, Location, Problem
from ..limits import Limits
from .document import Document, Pointer
from .syntax import yaml_problem

_TAG = "tag:yaml.org,2002:"
_SURROGATE = re.compile("[\ud800-\udfff]")

_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_too_deep(text: str, limit: int) -> int:
    """Offset where open brackets first nest deeper than `limit`, or -1. The YAML scanner slows down badly on
    thousands of nested brackets before it fails, so they are counted first (quoted text is not told apart: only
    a text with dozens of unclosed brackets could be mistaken, and it would be refused with this same message)."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        if depth > limit:
            return m.start()
    return -1


def read_yaml(text: str, path: str, limits: Limits) -> Document:
    if (deep := _flow_too_deep(text, limits.depth)) >= 0:
        line = text.count("\n", 0, deep) + 1
        raise LoadError([Problem.of("load.too-deep", Location(path, line, deep - (text.rfind("\n", 0, deep) + 1) + 1),
                                    expected=limits.depth, actual=limits.depth + 1)])
    try:
        root = YAML(typ="rt").compose(text)  # YAML 1.2 resolver: 'yes'/'no' stay strings
    except MarkedYAMLError as exc:
        cm, pm = exc.context_mark, exc.problem_mark
        raise LoadError([yaml_problem(text, path, exc.context, (cm.line, cm.column) if cm else None, exc.problem,
                                      (pm.line, pm.column) if pm else None)]) from None
    except YAMLError:
        raise LoadError([Problem.of("syntax.other", Location(path), lang="YAML")]) from None
    except RecursionError:  # the composer recurses per nesting level; our own limit is checked after
        raise LoadError([Problem.of("load.too-deep", _too_deep(text, path, limits.depth), expected=limits.depth,
                                    actual=limits.depth + 1)]) from None
    doc = Document(path=path, data=None, text=text)
    if root is None:  # only comments or `---`: nothing to read, said as for an empty file
        raise LoadError([Problem.of("load.no-content", Location(path))])
    builder = _Builder(doc, limits)
    doc.data = builder.build(root, (), 0)
    if builder.problems:
        raise LoadError(builder.problems)
    return doc


class _Builder:
    def __init__(self, doc: Document, limits: Limits) -> None:
        self.doc = doc
        self.limits = limits
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.count = 0

    def _loc(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _fail(self, node: Node, code: str, **fields: Any) -> None:
        line, col = self._loc(node)
        self.problems.append(Problem.of(code, Location(self.doc.path, line, col), **fields))

    def build(self, node: Node, pointer: Pointer, depth: int) -> Any:
        self.count += 1
        if self.count > self.limits.nodes:
            if self.count == self.limits.nodes + 1:
                self._fail(node, "load.too-many-nodes", expected=self.limits.nodes)
            return None
        if depth > self.limits.depth:
            self._fail(node, "load.too-deep", expected=self.limits.depth, actual=depth)
            return None
        if id(node) in self.seen:
            return None  # an alias: already reported at its anchor
        if getattr(node, "anchor", None):
            # Anchors and aliases hide content from reviewers and allow the "billion laughs" bomb.
            self._fail(node, "load.anchor")
            self.seen.add(id(node))
            return None
        self.seen.add(id(node))
        self.doc.positions[pointer] = self._loc(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, pointer, depth)
        if isinstance(node, SequenceNode):
            return [self.build(item, pointer + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: MappingNode, pointer: Pointer, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _TAG + "merge":
                self._fail(key_node, "load.complex-key")
                continue
            key = key_node.value
            if key in out:
                first = self.doc.key_positions.get(pointer + (key,), (0, 0))
                self._fail(key_node, "load.duplicate-key", key=key, first_line=first[0])
                continue
            self.doc.key_positions[pointer + (key,)] = self._loc(key_node)
            out[key] = self.build(value_node, pointer + (key,), depth + 1)
        return out

    def _scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if len(text) > self.limits.text_chars:
            self._fail(node, "load.text-too-long", expected=self.limits.text_chars, actual=len(text))
            return None
        if node.style == '"' and (bad := _SURROGATE.search(text)):  # "\ud800" escapes: no file can hold them
            self._fail(node, "load.bad-character", actual=f"\\u{ord(bad.group()):04x}")
            return None
        if node.style == ">":
            return text.replace("\a", "")  # ruamel marks fold points with BEL; it is not content
        if node.style in ("'", '"', "|"):
            return text
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return text.lower() == "true"
        if tag == _TAG + "int":
            digits = text.replace("_", "").lstrip("+-")
            if len(digits.lstrip("0")) > self.limits.digits:
                self._fail(node, "load.number-too-long", expected=self.limits.digits, actual=_short(text))
                return None
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return text
        if tag == _TAG + "float":
            if text.lower().lstrip("+-") in (".inf", ".nan"):
                self._fail(node, "load.not-finite", actual=text)
                return None
            try:
                value = Decimal(text.replace("_", ""))
            except InvalidOperation:
                self._fail(node, "load.bad-number", actual=text)
                return None
            if not value.is_finite() or math.isnan(float(value)):
                self._fail(node, "load.not-finite", actual=text)
                return None
            if not number_ok(value, self.limits):
                self._fail(node, "load.number-too-long", expected=self.limits.digits, actual=_short(text))
                return None
            return value
        return text  # str and timestamp: dates stay text, the model parses them


def _too_deep(text: str, path: str, limit: int) -> Location:
    """Where nesting first passes `limit` levels: block indentation levels plus open flow brackets."""
    indents: list[int] = []
    for n, line in enumerate(text.split("\n"), 1):
        body = line.lstrip(" -")
        if not body or body.startswith("#"):
            continue
        indent = len(line) - len(body)
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        flow = 0
        for col, ch in enumerate(body):
            flow += (ch in "[{") - (ch in "]}")
            if len(indents) + flow > limit:
                return Location(path, n, indent + col + 1)
        if len(indents) > limit:
            return Location(path, n, indent + 1)
    return Location(path)


def number_ok(value: Decimal, limits: Limits) -> bool:
    """At most `limits.digits` significant digits, magnitude below 10^digits, no finer than 10^-exponent."""
    if not value.is_finite():
        return False
    if value == 0:
        return True
    t = value.normalize().as_tuple()
    return len(t.digits) <= limits.digits and value.adjusted() < limits.digits and int(t.exponent) >= -limits.exponent


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:10] + "…" + text[-6:]
