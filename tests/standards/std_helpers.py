"""Helpers for breaking copies of the standards files."""

from __future__ import annotations

from pathlib import Path


def break_file(root: Path, rel: str, old: str, new: str) -> tuple[str, int, int]:
    """Replace `old` (must occur once) by `new`; return (path, line, column) of the replacement."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    idx = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = text.count("\n", 0, idx) + 1
    col = idx - (text.rfind("\n", 0, idx) + 1) + 1
    return rel, line, col
