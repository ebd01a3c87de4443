"""Writing results: atomically (never a half-written file) with ordinary permissions, and tables that line up
Chinese text."""

from __future__ import annotations

import csv
import io
import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Sequence

from .. import messages
from ..errors import Location, Problem, UsageError
from .markup import cell_text


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers see the old file or the new one.

    The file gets the permissions any new file would (0666 less the umask; mkstemp alone gives 0600, which
    locks colleagues on a shared drive out of the results). A target that is a folder or cannot be written is
    a Chinese `UsageError` naming it, and nothing is left behind."""
    target = Path(path)
    if target.is_dir():
        raise UsageError([Problem.of("output.is-folder", Location(str(path)))])
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UsageError([Problem.of("output.unwritable", Location(str(path)), reason=messages.os_reason(exc))]) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError([Problem.of("output.unwritable", Location(str(path)), reason=messages.os_reason(exc))]) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, w: int, right: bool = False) -> str:
    gap = " " * max(0, w - width(text))
    return gap + text if right else text + gap


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool] | None = None,
          max_width: int | None = None) -> str:
    """Columns aligned by display width (a Chinese character is two columns). With `max_width`, the widest
    columns are narrowed until the table fits and their cells wrap onto further lines (a terminal of 100 columns
    shows a review table whole instead of folding every row)."""
    numeric = numeric or [False] * len(headers)
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    if max_width is not None:
        widths = _fit(widths, max_width - 2 * (len(widths) - 1))
    sep = "  ".join("─" * w for w in widths)
    out = _wrapped_row(headers, widths, [False] * len(headers)) + [sep]
    for r in rows:
        out += _wrapped_row(r, widths, numeric)
    return "\n".join(out)


def _fit(widths: list[int], room: int) -> list[int]:
    """The widest columns capped at one width so that all fit in `room`: short columns (names, dates, up to 16)
    keep their width as long as the wide ones can still be given 10; no column goes below 8."""
    if sum(widths) <= room:
        return widths
    short = [w for w in widths if w <= 16]
    floor = 10 if sum(short) + 10 * (len(widths) - len(short)) <= room else 8
    cap = max(widths)
    while cap > floor and sum(min(w, cap) if w > 16 or floor == 8 else w for w in widths) > room:
        cap -= 1
    return [min(w, cap) if w > 16 or floor == 8 else w for w in widths]


def wrap(text: str, w: int) -> list[str]:
    """`text` in lines of at most `w` display columns, breaking after 、，；, spaces when possible."""
    lines: list[str] = []
    while width(text) > w:
        cut, used, last_break = 0, 0, 0
        for i, ch in enumerate(text):
            used += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if used > w:
                break
            cut = i + 1
            if ch in "、，；,; ）)":
                last_break = i + 1
        cut = last_break if last_break > cut // 2 else max(cut, 1)
        lines.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return lines + [text]


def _wrapped_row(cells: Sequence[str], widths: list[int], numeric: Sequence[bool]) -> list[str]:
    parts = [wrap(c, widths[i]) for i, c in enumerate(cells)]
    height = max(len(p) for p in parts)
    return ["  ".join(pad(p[k] if k < len(p) else "", widths[i], numeric[i]) for i, p in enumerate(parts)).rstrip()
            for k in range(height)]


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """CSV for Excel/WPS: every cell (headers too) through `markup.cell_text`, so no text runs as a formula."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([cell_text(h) for h in headers])
    w.writerows([cell_text(c) for c in row] for row in rows)
    return "\ufeff" + buf.getvalue()  # BOM: Excel opens UTF-8 Chinese correctly
