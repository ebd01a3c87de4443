"""JSON → plain data with the standard library (hundreds of times faster than a YAML composer on province-wide
files), exact decimals, duplicate keys refused, the declared limits enforced, and positions worked out only when
a message needs one (a one-pass scanner, compared with the YAML composer in tests)."""

from __future__ import annotations

import bisect
import json
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..errors import LoadError, Location, Problem
from ..limits import Limits
from .document import Document, Pointer
from .syntax import json_problem
from .yaml_reader import number_ok

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        raise _Duplicate(next(k for k, _ in pairs if k in seen or seen.add(k)))  # type: ignore[func-returns-value]
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"不允许 {name}")


@lru_cache(maxsize=16)
def decoder(limits: Limits) -> json.JSONDecoder:
    """One decoder per set of limits (building one per call costs more than parsing a small subject)."""
    short = limits.digits  # a literal this short cannot break any limit (fewer digits, no exponent)

    def parse_int(s: str) -> int:
        if len(s) > short and len(s.lstrip("-").lstrip("0")) > limits.digits:
            raise _TooLong(s)
        return int(s)

    def parse_float(s: str) -> Decimal:
        value = Decimal(s)
        if len(s) <= short and "e" not in s and "E" not in s:
            return value
        if not number_ok(value, limits):
            raise _TooLong(s)
        return value

    return json.JSONDecoder(parse_float=parse_float, parse_int=parse_int, object_pairs_hook=_pairs,
                            parse_constant=_refuse_constant)


def read_json(text: str, path: str, limits: Limits) -> Document:
    doc = Document(path=path, data=None, text=text)
    try:
        doc.data = decoder(limits).decode(text)
    except json.JSONDecodeError as exc:
        raise LoadError([json_problem(text, path, exc.msg, exc.pos)]) from None
    except _Duplicate as exc:
        loc = _first_duplicate(text, path)
        raise LoadError([Problem.of("load.duplicate-key", loc[0], key=exc.key, first_line=loc[1])]) from None
    except _TooLong as exc:
        where = text.find(exc.text)
        raise LoadError([Problem.of("load.number-too-long", _at(text, path, where), expected=limits.digits,
                                    actual=exc.text if len(exc.text) <= 24 else exc.text[:10] + "…" + exc.text[-6:])]) from None
    except ValueError as exc:  # NaN / Infinity
        word = str(exc).removeprefix("不允许 ")
        raise LoadError([Problem.of("load.not-finite", _at(text, path, text.find(word)), actual=word)]) from None
    except RecursionError:
        raise LoadError([Problem.of("load.too-deep", _deepest(text, path, limits.depth), expected=limits.depth,
                                    actual=limits.depth + 1)]) from None
    doc.pending = positions
    problem = check_limits(doc, limits)
    if problem is not None:
        raise LoadError([problem])
    return doc


def check_limits(doc: Document, limits: Limits, base: Pointer = ()) -> Problem | None:
    """Depth, text length and lone surrogates of parsed data whose text is `doc.text` and which sits at `base`
    in its file (a streamed subject sits at `subjects[i]`). Most texts are cleared by counting alone: no string
    of a short text can be too long, and fewer brackets than the depth limit cannot nest too deep."""
    text = doc.text
    surrogates = "\\u" in text and bool(_SURROGATE_ESCAPE.search(text))
    if surrogates or len(text) > limits.text_chars or text.count("{") + text.count("[") + len(base) > limits.depth:
        return _check_tree(doc, limits, surrogates, base)
    return None


class _TooLong(Exception):
    def __init__(self, text: str) -> None:
        self.text = text


def _check_tree(doc: Document, limits: Limits, surrogates: bool, base: Pointer = ()) -> Problem | None:
    """Depth, text length and lone surrogates, without recursion (the data can be a province's)."""
    stack: list[tuple[Any, Pointer]] = [(doc.data, base)]
    while stack:
        node, ptr = stack.pop()
        if isinstance(node, dict):
            if len(ptr) >= limits.depth:
                return Problem.of("load.too-deep", doc.where(ptr), expected=limits.depth, actual=len(ptr) + 1)
            stack.extend((v, ptr + (k,)) for k, v in node.items() if isinstance(v, (dict, list, str)))
        elif isinstance(node, list):
            if len(ptr) >= limits.depth:
                return Problem.of("load.too-deep", doc.where(ptr), expected=limits.depth, actual=len(ptr) + 1)
            stack.extend((v, ptr + (i,)) for i, v in enumerate(node) if isinstance(v, (dict, list, str)))
        elif len(node) > limits.text_chars:
            return Problem.of("load.text-too-long", doc.where(ptr), expected=limits.text_chars, actual=len(node))
        elif surrogates and (m := _SURROGATE.search(node)):
            return Problem.of("load.bad-character", doc.where(ptr), actual=f"\\u{ord(m.group()):04x}")
    return None


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _at(text: str, path: str, offset: int) -> Location:
    if offset < 0:
        return Location(path)
    starts = _line_starts(text[: offset + 1])
    return Location(path, len(starts), offset - starts[-1] + 1)


def _deepest(text: str, path: str, limit: int) -> Location:
    depth = 0
    in_string = escaped = False
    for i, ch in enumerate(text):
        if in_string:
            escaped = not escaped and ch == "\\"
            if ch == '"' and not escaped:
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return _at(text, path, i)
        elif ch in "]}":
            depth -= 1
    return Location(path)


def _first_duplicate(text: str, path: str) -> tuple[Location, int]:
    """Where the first duplicate key is, found by the position scanner (only on this error path)."""
    _, keys, dup = _scan(text, want_duplicate=True)
    if dup is None:
        return Location(path), 0
    (line, col), first = dup
    return Location(path, line, col), first


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


def positions(text: str) -> tuple[dict[Pointer, tuple[int, int]], dict[Pointer, tuple[int, int]]]:
    """Line/column of every value and key of a (valid) JSON text, in one regex pass."""
    values, keys, _ = _scan(text)
    return values, keys


def _scan(text: str, want_duplicate: bool = False):
    starts = _line_starts(text)

    def at(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    values: dict[Pointer, tuple[int, int]] = {}
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
            if stack:
                stack.pop()
            if stack:
                path.pop()
            continue
        frame = stack[-1] if stack else None
        if frame is not None and frame[0] == "{" and frame[2]:
            frame[1] = json.loads(tok) if tok.startswith('"') else tok
            frame[2] = False
            pointer = tuple(path) + (frame[1],)
            if want_duplicate and pointer in keys:
                return values, keys, (at(m.start()), keys[pointer][0])
            keys[pointer] = at(m.start())
            continue
        pointer = tuple(path) + ((frame[1],) if frame is not None else ())
        values[pointer] = at(m.start())
        if tok in "{[":
            if frame is not None:
                path.append(frame[1])
            stack.append([tok, 0 if tok == "[" else None, tok == "{"])
    return values, keys, None
