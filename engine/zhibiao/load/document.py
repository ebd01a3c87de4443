"""A loaded document: plain data plus where every key and value stood in its file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import Location

Pointer = tuple[str | int, ...]


def format_pointer(pointer: Pointer) -> str:
    """`categories[2].rules[4]`: the dotted id a person can find in the file."""
    out = ""
    for part in pointer:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass
class Document:
    """Loaded data plus a map from each pointer (path of keys/indices) to its position.

    `path` is the name shown to people; `file` the real path on disk (None for text or data given directly).
    Readers of other formats (a workbook) fill `locations` with a full `Location` (sheet and cell) per pointer.
    """

    path: str
    data: Any
    positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    file: Path | None = None
    locations: dict[Pointer, Location] = field(default_factory=dict)
    pending: Callable[[str], tuple[dict, dict]] | None = None  # computes positions on first need (JSON)

    def positions_now(self) -> tuple[dict[Pointer, tuple[int, int]], dict[Pointer, tuple[int, int]]]:
        """Every position (worked out now if it was pending)."""
        if self.pending is not None:
            compute, self.pending = self.pending, None
            self.positions, self.key_positions = compute(self.text)
        return dict(self.positions), dict(self.key_positions)

    def where(self, pointer: Pointer, *, key: bool = False) -> Location:
        """Position of the value at `pointer` (or of its key), else of the nearest enclosing node."""
        if self.pending is not None:
            compute, self.pending = self.pending, None
            self.positions, self.key_positions = compute(self.text)
        p = tuple(pointer)
        if key and p in self.key_positions:
            line, col = self.key_positions[p]
            return Location(self.path, line, col)
        while True:
            if p in self.locations:
                return self.locations[p]
            if p in self.positions:
                line, col = self.positions[p]
                return Location(self.path, line, col)
            if not p:
                return Location(self.path, 1, 1) if self.text else Location(self.path)
            p = p[:-1]

    @property
    def first_line(self) -> str:
        return self.text.split("\n", 1)[0]
