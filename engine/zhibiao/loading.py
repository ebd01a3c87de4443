"""Read YAML or JSON into plain Python data while remembering where every key and value stood.

We build the data from ruamel.yaml's node tree ourselves, so that:
- every value's line and column is kept (errors must name file:line:column);
- duplicate keys and anchors/aliases (the "billion laughs" bomb) are refused with a Chinese message;
- decimals stay exact (YAML 0.1 becomes Decimal("0.1"), never a float);
- dates stay text (the model parses them), so JSON Schema sees the same thing for YAML and JSON.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import LoadError, Location, Problem

Pointer = tuple[str | int, ...]

_MAX_NODES = 2_000_000  # a hard stop for absurd inputs; real scheme files hold a few thousand nodes
_TAG = "tag:yaml.org,2002:"


@dataclass
class Document:
    """Loaded data plus a map from each pointer (path of keys/indices) to its position."""

    path: str
    data: Any
    positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    file: Path | None = None  # the real path on disk (`path` is the name shown to people)
    positions_pending: bool = False  # JSON fast path: positions are worked out only when a message needs one

    def where(self, pointer: Pointer, *, key: bool = False) -> Location:
        """Position of the value at `pointer` (or of its key), else of the nearest enclosing node."""
        if self.positions_pending:
            self.positions_pending = False
            self.positions, self.key_positions = _json_positions(self.text)
        p = tuple(pointer)
        if key and p in self.key_positions:
            line, col = self.key_positions[p]
            return Location(self.path, line, col)
        while True:
            if p in self.positions:
                line, col = self.positions[p]
                return Location(self.path, line, col)
            if not p:
                return Location(self.path, 1, 1)
            p = p[:-1]


def format_pointer(pointer: Pointer) -> str:
    """`categories[2].rules[4]`: the dotted id a person can find in the file."""
    out = ""
    for part in pointer:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _yaml() -> YAML:
    y = YAML(typ="rt")  # YAML 1.2 resolver: 'yes'/'no' stay strings
    return y


class _Duplicate(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Duplicate
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def _load_json(text: str, path: str) -> Document | None:
    """Large province-wide submissions come as JSON: the standard library reads them ~500× faster than a
    YAML composer. Anything unusual (syntax error, duplicate key, NaN) goes the slow, precise way."""
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_pairs, parse_constant=_refuse_constant)
    except (ValueError, _Duplicate):
        return None
    return Document(path=path, data=data, text=text, positions_pending=True)


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


def _json_positions(text: str) -> tuple[dict[Pointer, tuple[int, int]], dict[Pointer, tuple[int, int]]]:
    """Line/column of every value and key of a (valid) JSON text, in one regex pass: a few seconds for a
    province-wide file, where a YAML composer takes minutes."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    positions: dict[Pointer, tuple[int, int]] = {}
    keys: dict[Pointer, tuple[int, int]] = {}
    stack: list[list] = []  # [container kind, current key or index, expecting key?]
    path: list[str | int] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok in ",:":
            if tok == "," and stack:
                frame = stack[-1]
                if frame[0] == "[":
                    frame[1] += 1
                else:
                    frame[2] = True
            continue
        if tok in "}]":
            stack.pop()
            if stack:
                path.pop()
            continue
        frame = stack[-1] if stack else None
        if frame is not None and frame[0] == "{" and frame[2]:
            frame[1] = json.loads(tok) if tok.startswith('"') else tok
            frame[2] = False
            keys[tuple(path) + (frame[1],)] = at(m.start())
            continue
        pointer = tuple(path) + ((frame[1],) if frame is not None else ())
        positions[pointer] = at(m.start())
        if tok in "{[":
            if frame is not None:
                path.append(frame[1])
            stack.append([tok, 0 if tok == "[" else None, tok == "{"])
            continue
    return positions, keys


def load_text(text: str, path: str, *, fast: bool = True) -> Document:
    if fast and path.endswith(".json"):
        doc = _load_json(text, path)
        if doc is not None:
            return doc
    try:
        root = _yaml().compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise LoadError([Problem(loc, f"YAML 语法错误：{_translate(exc.problem or exc.context or '')}")]) from exc
    except YAMLError as exc:
        raise LoadError([Problem(Location(path), f"YAML 语法错误：{exc}")]) from exc
    doc = Document(path=path, data=None, text=text)
    if root is None:
        doc.data = None
        return doc
    builder = _Builder(doc)
    doc.data = builder.build(root, ())
    if builder.problems:
        raise LoadError(builder.problems)
    return doc


def load_file(path: str | Path, display: str | None = None) -> Document:
    """Load a file; `display` is the name used in messages (e.g. relative to the repository)."""
    p = Path(path)
    name = display or str(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LoadError([Problem(Location(name), "文件不存在")]) from exc
    except UnicodeDecodeError as exc:
        raise LoadError([Problem(Location(name), "文件不是 UTF-8 编码，请另存为 UTF-8")]) from exc
    except OSError as exc:
        raise LoadError([Problem(Location(name), f"无法读取文件：{exc.strerror}")]) from exc
    doc = load_text(text, name)
    doc.file = p
    return doc


_TRANSLATIONS = {
    "found character '\\t' that cannot start any token": "制表符（Tab）不能用于缩进，请改用空格",
    "mapping values are not allowed here": "此处不允许出现“键: 值”（可能缺少缩进或引号）",
    "could not find expected ':'": "缺少冒号“:”",
    "found undefined alias": "使用了未定义的别名",
    "expected <block end>, but found": "缩进不一致",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
}


def _translate(msg: str) -> str:
    for en, zh in _TRANSLATIONS.items():
        if msg.startswith(en):
            return f"{zh}（{msg}）"
    return msg


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.count = 0

    def _loc(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _fail(self, node: Node, message: str) -> None:
        line, col = self._loc(node)
        self.problems.append(Problem(Location(self.doc.path, line, col), message))

    def build(self, node: Node, pointer: Pointer) -> Any:
        self.count += 1
        if self.count > _MAX_NODES:
            self._fail(node, f"文件过大：节点数超过 {_MAX_NODES}")
            return None
        if id(node) in self.seen:
            return None  # an alias: already reported at its anchor
        if getattr(node, "anchor", None):
            # Anchors and aliases hide content from reviewers and allow the "billion laughs" bomb.
            self._fail(node, "不允许使用 YAML 锚点或别名（& 与 *），请把内容直接写出来")
            self.seen.add(id(node))
            return None
        self.seen.add(id(node))
        self.doc.positions[pointer] = self._loc(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, pointer)
        if isinstance(node, SequenceNode):
            return [self.build(item, pointer + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: MappingNode, pointer: Pointer) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _TAG + "merge":
                self._fail(key_node, "键必须是普通文字（不支持复合键或 << 合并）")
                continue
            key = key_node.value
            if key in out:
                first = self.doc.key_positions.get(pointer + (key,), (0, 0))
                self._fail(key_node, f"重复的键“{key}”（第 {first[0]} 行已经出现过）")
                continue
            self.doc.key_positions[pointer + (key,)] = self._loc(key_node)
            out[key] = self.build(value_node, pointer + (key,))
        return out

    def _scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if node.style == ">":
            return text.replace("\a", "")  # ruamel marks fold points with BEL; it is not content
        if node.style in ("'", '"', "|"):
            return text
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return text.lower() == "true"
        if tag == _TAG + "int":
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return text
        if tag == _TAG + "float":
            if text.lower().lstrip("+-") in (".inf", ".nan"):
                self._fail(node, f"不允许无穷大或非数字“{text}”")
                return None
            try:
                value = Decimal(text.replace("_", ""))
            except InvalidOperation:
                self._fail(node, f"无法识别的数字“{text}”")
                return None
            if not value.is_finite() or math.isnan(float(value)):
                self._fail(node, f"不允许无穷大或非数字“{text}”")
                return None
            return value
        return text  # str and timestamp: dates stay text, the model parses them
