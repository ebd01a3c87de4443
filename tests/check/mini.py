"""A small scheme to break on purpose: two categories (10 + 20 = 30 points), bounded and unbounded rules."""

from __future__ import annotations

import shutil
from pathlib import Path

from zhibiao.errors import Problem
from zhibiao.repository import Repository

ROOT = Path(__file__).resolve().parents[2]

MINI = """\
# yaml-language-server: $schema=../schemas/scheme.schema.json
kind: scheme
id: mini
title: 小方案
version: 1.0.0
status: 生效
effective: 2024-01-01
owner: 质量办
source: {file: 002_0760d59eef6def2d.txt, section: 全文}
revisions:
  - {version: 1.0.0, date: 2024-01-01, author: 质量办, summary: 新建。}
scoring:
  method: 扣分制
  full_marks: 30
  category_floor: 0
blocks:
  - {id: X, name: X板块, subjects: [甲, 乙]}
facts:
  - {id: absent, name: 缺席人数, type: integer, minimum: 0, maximum: 20, description: 缺席人数。}
  - {id: held, name: 是否开展学习, type: boolean, description: 是否开展学习。}
  - {id: discussed, name: 是否开展讨论, type: boolean, default: true, description: 是否开展讨论。}
  - {id: late, name: 迟交次数, type: integer, minimum: 0, default: 0, description: 迟交次数。}
categories:
  - id: study
    name: 学习
    points: 10
    blocks: [X]
    source: {file: 002_0760d59eef6def2d.txt, section: 一}
    clauses:
      - no: 1
        text: 缺席每人扣1分，最多扣8分。
        rules:
          - {id: s-absent, text: 缺席每人扣1分，最多扣8分。, count: absent, amount: 1, cap: 8}
      - no: 2
        text: 没有学习扣10分；学习但没有讨论扣5分。
        rules:
          - {id: s-none, text: 没有学习扣10分, when: {held: false}, amount: 10}
          - {id: s-nodisc, text: 学习但没有讨论扣5分, when: {held: true, discussed: false}, amount: 5}
  - id: work
    name: 工作
    points: 20
    blocks: [X]
    source: {file: 002_0760d59eef6def2d.txt, section: 二}
    clauses:
      - no: 1
        text: 迟交每次扣2分。
        rules:
          - {id: w-late, text: 迟交每次扣2分。, count: late, amount: 2}
"""


def repo_with(tmp: Path, text: str = MINI) -> Path:
    """A repository holding only the schemas and this one scheme (rules/mini.yaml)."""
    if not (tmp / "schemas").exists():
        shutil.copytree(ROOT / "schemas", tmp / "schemas")
    (tmp / "rules").mkdir(exist_ok=True)
    (tmp / "rules" / "mini.yaml").write_text(text, encoding="utf-8")
    return tmp


def changed(*edits: tuple[str, str]) -> str:
    text = MINI
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def problems(root: Path) -> list[Problem]:
    return Repository(root, history=None).validate([root / "rules"])[0]


def messages(root: Path, severity: str | None = None) -> list[str]:
    return [str(p) for p in problems(root) if severity is None or p.severity == severity]


def line(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def at(text: str, needle: str, key: str) -> str:
    """“line:column” of the value of `key` on the line holding `needle` (as the loader reports it)."""
    n = line(text, needle)
    src = text.splitlines()[n - 1]
    return f"{n}:{src.index(key + ': ', src.index(needle) if needle in src else 0) + len(key) + 3}"


def checkup_messages(root: Path, severity: str | None = None) -> list[str]:
    """The checkup's own findings (the scheme language's checks of wording and forms left aside)."""
    return [str(p) for p in problems(root) if p.code.startswith("checkup.") and (severity is None or p.severity == severity)]
