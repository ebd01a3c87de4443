"""Read a submission too large to hold in memory, one subject at a time, every position kept.

Two layouts, told apart by the file name:
- JSON Lines (`.jsonl`, `.ndjson`): the first line is the submission's header (kind, scheme, period, college …,
  no subjects); every following line is one subject. Blank lines are skipped.
- JSON (anything else): an ordinary submission document. Its `subjects` list is cut into one text per subject
  by the standard library's decoder (`raw_decode`, C speed) reading the file in blocks; the header is every other
  key, before or after the list.

A subject comes out as a `Fragment` (its text and where it starts); `fragment_document` parses it with the same
decoder, limits and checks as `load_file`, and its positions are the file's: a problem inside subject 731,402 is
reported at the line and column of the file, under the pointer `subjects[731402]…`. The whole-file size limit
does not apply (a province's file is gigabytes); each subject's text is held to it instead.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from ..errors import LoadError, Location, Problem
from ..limits import DEFAULT, Limits
from .document import Document, Pointer
from .json_reader import check_limits, decoder, positions, read_json
from .syntax import json_problem

LIST_KEY = "subjects"
BLOCK_CHARS = 1 << 20
JSON_LINES = (".jsonl", ".ndjson")
_PLAIN = json.JSONDecoder()  # finds where a value ends; the real reading is `fragment_document`'s
_WS = " \t\n\r"


@dataclass(frozen=True)
class Fragment:
    index: int      # position in the subjects list
    text: str
    line: int       # where the text starts in the file (1-based)
    column: int


def is_json_lines(path: str | Path) -> bool:
    return str(path).lower().endswith(JSON_LINES)


class Stream:
    """`header`: the submission without its subjects (`subjects: []`), located in the file; iterate for the
    subjects' fragments. After the iteration, `header` also holds the keys that came after the list."""

    def __init__(self, path: str | Path, display: str | None = None, *, limits: Limits = DEFAULT) -> None:
        self.file = Path(path)
        self.path = display or str(path)
        self.limits = limits
        self.lines = is_json_lines(path)
        self.header = self._read_header()

    # ------------------------------------------------------------------ opening
    def _open(self) -> IO[str]:
        try:
            if self.file.is_dir():
                raise LoadError([Problem.of("load.not-a-file", Location(self.path))])
            return open(self.file, encoding="utf-8-sig", newline="" if not self.lines else None)
        except FileNotFoundError:
            raise LoadError([Problem.of("load.not-found", Location(self.path))]) from None
        except OSError as exc:
            raise LoadError([Problem.of("load.unreadable", Location(self.path), reason=exc.strerror or str(exc))]) from None

    def _read_header(self) -> Document:
        if self.lines:
            return self._lines_header()
        return self._array_header()

    def __iter__(self) -> Iterator[Fragment]:
        return self._lines() if self.lines else self._array()

    # ------------------------------------------------------------------ JSON Lines
    def _numbered_lines(self) -> Iterator[tuple[int, str]]:
        with self._open() as fh:
            n = 0
            try:
                for n, line in enumerate(fh, 1):
                    yield n, line
            except UnicodeDecodeError:
                raise LoadError([Problem.of("load.not-utf8", Location(self.path, n + 1, 1))]) from None

    def _lines_header(self) -> Document:
        for n, line in self._numbered_lines():
            if not line.strip():
                continue
            doc = fragment_document(Fragment(-1, line, n, 1), self.path, self.limits, base=())
            data = doc.data
            if not isinstance(data, dict) or "name" in data and "kind" not in data:
                raise LoadError([Problem.of("batch.header-missing", Location(self.path, n, 1),
                                            actual="一个考核对象" if isinstance(data, dict) else f"{type(data).__name__}")])
            if LIST_KEY in data:
                raise LoadError([Problem.of("batch.header-subjects", doc.where((LIST_KEY,), key=True))])
            doc.data = dict(data, **{LIST_KEY: []})
            self._first_line = n
            return doc
        raise LoadError([Problem.of("load.empty", Location(self.path), expected="第一行为填报头，其后每行一个考核对象")])

    def _lines(self) -> Iterator[Fragment]:
        index = 0
        for n, line in self._numbered_lines():
            if n <= self._first_line:
                continue
            text = line.lstrip(_WS)
            if not text:
                continue
            if len(text) > self.limits.file_bytes:
                raise LoadError([Problem.of("load.too-large", Location(self.path, n, 1), expected=self.limits.file_bytes,
                                            actual=len(text))])
            yield Fragment(index, text, n, len(line) - len(text) + 1)
            index += 1

    # ------------------------------------------------------------------ one JSON document
    def _array_header(self) -> Document:
        """Read the document up to its list (and, when a required key only comes after the list, skim to the end)."""
        self._prefix = None
        scan = _Scanner(self._open(), self.path, self.limits)
        try:
            found = scan.to_list()
            if found is None:  # no list to stream: an ordinary document, read whole (within the size limit)
                size = self.file.stat().st_size
                if size > self.limits.file_bytes:
                    raise LoadError([Problem.of("load.too-large", Location(self.path), expected=self.limits.file_bytes,
                                                actual=size)])
                text = scan.everything()
                if not text.strip():
                    raise LoadError([Problem.of("load.empty", Location(self.path), expected="请按示例填写内容")])
                doc = read_json(text, self.path, self.limits)
                if isinstance(doc.data, dict) and LIST_KEY not in doc.data:
                    raise LoadError([Problem.of("batch.subjects-missing", Location(self.path, 1, 1))])
                return doc
            prefix, _ = found
            head = read_json(prefix + "[]}", self.path, self.limits)  # the keys before the list, located
            self._prefix = prefix
            if all(k in head.data for k in ("kind", "scheme", "period")):
                return head
            for _ in scan.elements():  # a key the scoring needs comes later: skim to it
                pass
            return self._with_suffix(prefix, scan)
        finally:
            scan.close()

    def _array(self) -> Iterator[Fragment]:
        if self._prefix is None:  # the list was not a list: the header check reports it; nothing to stream
            return
        scan = _Scanner(self._open(), self.path, self.limits)
        try:
            scan.to_list()
            yield from scan.elements()
            self.header = self._with_suffix(self._prefix, scan)
        finally:
            scan.close()

    def _with_suffix(self, prefix: str, scan: "_Scanner") -> Document:
        """The header with the keys after the list too: the list replaced by `[` … `]` padded with the newlines
        and spaces it spanned, so every later key keeps its line and column."""
        tail, line, column = scan.rest()
        open_line = prefix.count("\n") + 1
        open_column = len(prefix) - prefix.rfind("\n")
        if line == open_line:
            pad = " " * (column - open_column - 1)
        else:
            pad = "\n" * (line - open_line) + " " * (column - 1)
        return read_json(prefix + "[" + pad + tail, self.path, self.limits)


class _Scanner:
    """The text of one JSON document in blocks, with the line and column of any position read so far."""

    def __init__(self, fh: IO[str], path: str, limits: Limits) -> None:
        self.fh, self.path, self.limits = fh, path, limits
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.line, self.col, self.mark = 1, 1, 0  # line and column of buf[mark]
        self.kept: list[str] = []   # the text before the list (the header), kept while `keep` is set
        self.keep = True

    def close(self) -> None:
        self.fh.close()

    def more(self, at_least: int = BLOCK_CHARS) -> bool:
        if self.eof:
            return False
        try:
            block = self.fh.read(max(BLOCK_CHARS, at_least))
        except UnicodeDecodeError:
            raise LoadError([Problem.of("load.not-utf8", self.where(len(self.buf)))]) from None
        if not block:
            self.eof = True
            return False
        if self.pos > BLOCK_CHARS:  # drop what has been read (after noting the line and column it ends at)
            self.advance(self.pos)
            if self.keep:
                self.kept.append(self.buf[: self.pos])
            self.buf, self.mark, self.pos = self.buf[self.pos:], 0, 0
        self.buf += block
        return True

    def advance(self, to: int) -> None:
        newlines = self.buf.count("\n", self.mark, to)
        if newlines:
            self.line += newlines
            self.col = to - self.buf.rfind("\n", self.mark, to)
        else:
            self.col += to - self.mark
        self.mark = to

    def where(self, at: int) -> Location:
        self.advance(max(at, self.mark))
        return Location(self.path, self.line, self.col)

    def skip_ws(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def value_end(self) -> tuple[object, int]:
        """Where the value at `pos` ends, reading more as needed (the buffer may be compacted meanwhile: the value
        then starts at the new `pos`). A syntax error is reported at its line and column."""
        while True:
            try:
                value, end = _PLAIN.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if not self.eof and exc.pos >= len(self.buf) - self.limits.text_chars - 16:
                    self.more(len(self.buf))  # probably cut by the block: read on (doubling keeps big values linear)
                    continue
                raise LoadError([json_problem(self.buf, self.path, exc.msg, exc.pos, self.where)]) from None
            if end < len(self.buf) or not self.more():  # a number cut by the block would look whole: read on
                return value, end

    def expect(self, char: str, detail: str) -> None:
        if self.skip_ws() != char:
            raise LoadError([Problem.of("batch.json-syntax", self.where(self.pos), detail=detail)])
        self.pos += 1

    def to_list(self) -> tuple[str, int] | None:
        """Read keys up to the list's `[`; returns the text before it, or None when the document has no list."""
        if self.skip_ws() != "{":
            return None
        self.pos += 1
        while True:
            c = self.skip_ws()
            if c == "}" or c == "":
                return None
            if c == ",":
                self.pos += 1
                continue
            key, end = self.value_end()
            self.pos = end
            self.expect(":", "此处缺少冒号“:”")
            if key == LIST_KEY and self.skip_ws() == "[":
                prefix = "".join(self.kept) + self.buf[: self.pos]
                self.kept, self.keep = [], False
                self.pos += 1
                return prefix, self.pos
            self.skip_ws()
            _, end = self.value_end()
            self.pos = end

    def everything(self) -> str:
        while self.more():
            pass
        return "".join(self.kept) + self.buf

    def elements(self) -> Iterator[Fragment]:
        index = 0
        while True:
            c = self.skip_ws()
            if c == "]":
                self.pos += 1
                return
            if c == "," and index:
                self.pos += 1
                c = self.skip_ws()
            elif index:
                raise LoadError([Problem.of("batch.json-syntax", self.where(self.pos), detail="此处缺少逗号“,”")])
            if c == "":
                raise LoadError([Problem.of("batch.json-syntax", self.where(self.pos), detail="列表没有以“]”结束")])
            _, end = self.value_end()
            start = self.pos
            if end - start > self.limits.file_bytes:
                raise LoadError([Problem.of("load.too-large", self.where(start), expected=self.limits.file_bytes,
                                            actual=end - start)])
            at = self.where(start)
            yield Fragment(index, self.buf[start:end], at.line or 1, at.column or 1)
            self.pos = end
            index += 1

    def rest(self) -> tuple[str, int, int]:
        """The text from the list's `]` (just read) to the end, and the line and column of that `]`."""
        at = self.where(self.pos - 1)
        parts = [self.buf[self.pos - 1:]]
        size = len(parts[0])
        while not self.eof and (block := self.fh.read(BLOCK_CHARS)):
            parts.append(block)
            size += len(block)
            if size > self.limits.file_bytes:
                raise LoadError([Problem.of("load.too-large", at, expected=self.limits.file_bytes, actual=size)])
        self.eof = True
        return "".join(parts), at.line or 1, at.column or 1


def fragment_document(frag: Fragment, path: str, limits: Limits = DEFAULT, base: Pointer | None = None) -> Document:
    """Parse one subject's text with the checks of `load_file`, its positions (and any problem) the file's own."""
    base = (LIST_KEY, frag.index) if base is None else base
    try:
        data = decoder(limits).decode(frag.text)
    except Exception:  # noqa: BLE001 — syntax, a repeated key, a number too long: the whole-text reader says
        # what and where (it raises LoadError), then the place is moved to the file's line and column
        try:
            read_json(frag.text, path, limits)
        except LoadError as exc:
            raise LoadError([_moved(p, frag) for p in exc.problems]) from None
        raise
    doc = Document(path=path, data=data, text=frag.text, pending=_positions_at(base, frag.line, frag.column))
    problem = check_limits(doc, limits, base)
    if problem is not None:
        raise LoadError([problem])
    return doc


def _moved(p: Problem, frag: Fragment) -> Problem:
    """A problem found in a fragment's own text, placed where the fragment stands in the file."""
    loc = p.location
    if loc.line is None:
        return dataclasses.replace(p, location=Location(loc.file, frag.line, frag.column))
    column = (loc.column or 1) + (frag.column - 1 if loc.line == 1 else 0)
    fields = tuple((k, v + frag.line - 1 if k == "first_line" and isinstance(v, int) and v else v) for k, v in p.fields)
    return dataclasses.replace(p, location=Location(loc.file, loc.line + frag.line - 1, column), fields=fields)


def _positions_at(base: Pointer, line: int, column: int):
    def compute(text: str) -> tuple[dict, dict]:
        values, keys = positions(text)

        def at(lc: tuple[int, int]) -> tuple[int, int]:
            return lc[0] + line - 1, lc[1] + (column - 1 if lc[0] == 1 else 0)
        return ({base + p: at(v) for p, v in values.items()}, {base + p: at(v) for p, v in keys.items()})
    return compute


def read_lines(path: str | Path, display: str | None = None, *, limits: Limits = DEFAULT) -> Document:
    """A JSON Lines submission read whole, as one document (`score`, `validate` on a .jsonl file): the same data
    a JSON submission gives, every problem at the file's line and column."""
    stream = Stream(path, display, limits=limits)
    header = stream.header
    docs = [fragment_document(frag, stream.path, limits) for frag in stream]
    data = dict(header.data, subjects=[d.data for d in docs])

    def located(_: str) -> tuple[dict, dict]:
        values, keys = header.positions_now()
        for d in docs:
            more_values, more_keys = d.positions_now()
            values.update(more_values)
            keys.update(more_keys)
        return values, keys
    return Document(path=stream.path, data=data, text=" ", file=Path(path), pending=located)
