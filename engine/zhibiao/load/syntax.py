"""Why a YAML or JSON text does not parse, said where the mistake is — not where the parser gave up.

Parsers stop one line after a missing colon and never name the character that broke the structure. People
typing Chinese make the same few mistakes: a full-width colon or space, a non-breaking space pasted from Word or
a web page, a Tab, curly quotes, a full-width comma in a list, a misaligned key. This module reads the parser's
marks *and the text*, finds the culprit (line, column, character) and returns a Problem whose code says which
case it is; the sentence and the fix are in `messages/syntax.py`. No parser English ever reaches the user.
"""

from __future__ import annotations

from typing import Callable

from ..errors import Location, Problem

# Characters that look like YAML/JSON punctuation or whitespace but are not (their Chinese names and fixes are
# in messages/syntax.py). The first group breaks structure wherever it stands; quotes, commas and brackets are
# ordinary inside Chinese text and only suspected where the parser failed on them.
INVISIBLE = "\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff\u2002\u2003\u2009"
PUNCTUATION = "：“”‘’，［］｛｝【】－—"
CONFUSABLE = INVISIBLE + PUNCTUATION + "\t"


def _content_lines(lines: list[str], upto: int) -> list[int]:
    """Indices of non-blank, non-comment lines before `upto`, nearest first."""
    return [i for i in range(min(upto, len(lines)) - 1, -1, -1)
            if lines[i].strip() and not lines[i].lstrip().startswith("#")]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_part(line: str) -> str:
    """The part of a `key: value` line before the value (the whole line when there is no `: `)."""
    cut = line.find(": ")
    if cut < 0 and line.rstrip().endswith(":"):
        cut = len(line.rstrip())
    return line if cut < 0 else line[:cut]


def _find(line: str, chars: str) -> int:
    """Column (0-based) of the first of `chars` outside a quoted string and a comment, or -1."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "\"'" and (i == 0 or line[i - 1] in " [{,:-"):
            quote = ch
            continue
        if ch == "#" and (i == 0 or line[i - 1] == " "):
            return -1
        if ch in chars:
            return i
    return -1


def _char(path: str, lang: str, lines: list[str], index: int, col: int) -> Problem:
    line = lines[index]
    return Problem.of("syntax.char", Location(path, index + 1, col + 1), lang=lang, char=line[col],
                      example=_example(line, line[col]))


def _example(line: str, ch: str) -> str:
    """The line as it should be written (for the usual `key：value` / `key:\u00a0value` mistakes)."""
    text = line.strip()
    if ch in INVISIBLE or ch == "\t":
        fixed = "".join(" " if c in INVISIBLE or c == "\t" else c for c in text).replace("\u200b", "")
    elif ch == "：":
        head, _, tail = text.partition("：")
        fixed = f"{head.rstrip()}: {tail.lstrip()}"
    elif ch in "－—":
        fixed = "- " + text.lstrip("－—").lstrip()
    else:
        return ""
    return fixed if fixed != text and len(fixed) <= 60 else ""


def _structural(path: str, lang: str, lines: list[str], index: int, *, key_only: bool = False) -> Problem | None:
    """A character that breaks YAML structure on line `index`: invisible spaces anywhere outside quotes, a
    full-width colon in the key part, a full-width dash where a list item starts."""
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    part = _key_part(line) if key_only else line
    col = _find(part, INVISIBLE + "\t")
    if col < 0:
        col = _find(_key_part(line), "：")
    if col < 0 and line.lstrip()[:1] in ("－", "—"):
        col = _indent(line)
    if col < 0 and line[: _indent(line) + 1].endswith("\u3000"):
        col = _indent(line)
    return _char(path, lang, lines, index, col) if col >= 0 else None


def yaml_problem(text: str, path: str, context: str | None, context_mark: tuple[int, int] | None,
                 problem: str | None, problem_mark: tuple[int, int] | None) -> Problem:
    """The Problem for a YAML text the parser refused. Marks are 0-based (line, column) as ruamel gives them."""
    lines = text.split("\n")
    context, problem = context or "", problem or ""
    pl, pc = problem_mark if problem_mark else (len(lines) - 1, 0)
    cl, cc = context_mark if context_mark else (pl, pc)

    def at(code: str, line: int, col: int, **fields: object) -> Problem:
        return Problem.of(code, Location(path, line + 1, col + 1), lang="YAML", **fields)

    if problem.startswith("found character '\\t'"):
        return at("syntax.char", pl, pc, char="\t", example="")
    if context.startswith("while scanning a simple key"):
        found = _structural(path, "YAML", lines, cl, key_only=True)
        if found is not None:
            return found
        line = lines[cl]
        words = line.strip().split(None, 1)
        example = f"{words[0]}: {words[1]}" if len(words) == 2 else f"{line.strip()}: …"
        col = cc + len(words[0]) if len(words) == 2 else len(line.rstrip())
        return at("syntax.missing-colon", cl, col, line_text=line.strip(), example=example)
    if context.startswith("while scanning a quoted scalar"):
        return at("syntax.unclosed-quote", cl, cc, quote=lines[cl][cc] if cc < len(lines[cl]) else '"')
    if context.startswith("while parsing a flow") or context.startswith("while scanning a flow"):
        found = _structural(path, "YAML", lines, cl)
        if found is not None:
            return found
        col = _find(lines[cl][cc:], "，")
        if col >= 0:
            return _char(path, "YAML", lines, cl, cc + col)
        bracket = lines[cl][cc] if cc < len(lines[cl]) else "["
        return at("syntax.unclosed-bracket", cl, cc, bracket=bracket, closing="]" if bracket == "[" else "}")
    for i in (pl, *_content_lines(lines, pl)[:1]):
        found = _structural(path, "YAML", lines, i)
        if found is not None:
            return found
    for i in (pl, *_content_lines(lines, pl)[:1]):
        stripped = lines[i].lstrip() if i < len(lines) else ""
        if stripped[:1] == "-" and stripped[1:2] not in ("", " ", "\t", "-") and not stripped[1].isdigit():
            return at("syntax.dash-space", i, _indent(lines[i]), example="- " + stripped[1:])
    if problem.startswith("mapping values are not allowed"):
        line = lines[pl] if pl < len(lines) else ""
        first = line.find(": ")
        if 0 <= first < pc and first != _indent(line) - 2:
            return at("syntax.two-colons", pl, pc, key=line[:first].strip(), value=line[first + 2:].strip())
        return _misaligned(at, lines, pl)
    if problem.startswith("expected <block end>") or problem.startswith("expected a comment or a line break") \
            or "block mapping" in context or "block collection" in context:
        return _misaligned(at, lines, pl)
    if "single document" in problem or "another document" in problem:
        return at("syntax.two-documents", pl, pc)
    if problem.startswith("found undefined alias") or problem.startswith("found unknown escape"):
        return at("syntax.special", pl, pc, char=lines[pl][pc:pc + 1] if pl < len(lines) else "")
    if problem.startswith("found unexpected end of stream"):
        return at("syntax.unexpected-end", pl, pc)
    return at("syntax.other", pl, pc)


def _misaligned(at, lines: list[str], index: int) -> Problem:  # noqa: ANN001
    """A key or list item whose indentation matches no level above it."""
    if index >= len(lines):
        return at("syntax.other", len(lines) - 1, 0)
    here = _indent(lines[index])
    above = _content_lines(lines, index)
    prev = above[0] if above else index
    if lines[prev].lstrip().startswith("- ") and _indent(lines[prev]) == here and not lines[index].lstrip().startswith("-"):
        return at("syntax.mixed-list", index, here, other_line=prev + 1)
    levels = sorted({_indent(lines[i]) for i in above if _indent(lines[i]) <= _indent(lines[prev])})
    nearest = min(levels, key=lambda n: (abs(n - here), n)) if levels else 0
    return at("syntax.indent", index, here, actual=here, expected=nearest, other_line=prev + 1,
              other=_indent(lines[prev]), key=lines[index].strip().split(":")[0][:30])


# ---------------------------------------------------------------------------------------------- JSON

def json_problem(text: str, path: str, message: str, pos: int,
                 locate: Callable[[int], Location] | None = None) -> Problem:
    """The Problem for a JSON text the standard library refused (`message` and `pos` from JSONDecodeError).
    `locate`: offset → Location, when `text` is a window of a larger file (the streaming reader)."""
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"] if locate is None else []

    def loc(offset: int) -> Location:
        if locate is not None:
            return locate(offset)
        line = max(i for i, s in enumerate(line_starts) if s <= offset)
        return Location(path, line + 1, offset - line_starts[line] + 1)

    ch = text[pos] if pos < len(text) else ""
    if ch and ch in CONFUSABLE:
        return Problem.of("syntax.char", loc(pos), lang="JSON", char=ch, example="")
    before = len(text[:pos].rstrip())  # the last character that is not whitespace
    prev = text[before - 1] if before else ""
    if message.startswith("Expecting ',' delimiter") and "\n" in text[before:pos]:
        return Problem.of("syntax.json-comma-eol", loc(before - 1 if before else 0), lang="JSON")
    if message.startswith(("Expecting value", "Expecting property name")) and prev == "," and ch in "]}":
        return Problem.of("syntax.json-trailing-comma", loc(before - 1), lang="JSON")
    code = next((c for en, c in _JSON_CODES if message.startswith(en)), "syntax.other")
    return Problem.of(code, loc(pos), lang="JSON", char=ch, quote='"')


_JSON_CODES = (
    ("Expecting value", "syntax.json-value"),
    ("Expecting property name enclosed in double quotes", "syntax.json-key"),
    ("Expecting ',' delimiter", "syntax.json-comma"),
    ("Expecting ':' delimiter", "syntax.json-colon"),
    ("Unterminated string starting at", "syntax.unclosed-quote"),
    ("Invalid control character at", "syntax.json-control"),
    ("Extra data", "syntax.json-extra"),
    ("Invalid \\escape", "syntax.json-escape"),
    ("Invalid \\uXXXX escape", "syntax.json-escape"),
)
