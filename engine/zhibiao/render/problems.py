"""Render problems: one per line as `file:line:column 说明` (the CLI), or as JSON data (the service, --format json)."""

from __future__ import annotations

import json
from typing import Iterable

from ..errors import Problem
from .markup import terminal


def render_text(problems: Iterable[Problem]) -> str:
    return terminal("".join(f"{p}\n" for p in problems))


def render_json(problems: Iterable[Problem]) -> str:
    return json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2) + "\n"
