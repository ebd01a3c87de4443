"""Skeleton files for `zhibiao new`: a committee member never starts from an empty file.

Every skeleton starts with the `# yaml-language-server: $schema=…` line (editor completion and hover help),
uses Chinese placeholders in （…） and is valid as written: a new scheme passes `zhibiao validate`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from ..errors import Location, Problem, UsageError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
PLACEHOLDER_SOURCE = "{file: 000_0000000000000000.txt, section: （请填写源文件中的章节）}"

# Document-control fields every new file starts with (filled in by str.format).
_CONTROL = """\
version: 0.1.0
status: 草案
effective: {today}
owner: （请填写责任部门）
source: {source}
revisions:
  - version: 0.1.0
    date: {today}
    author: （请填写修订人）
    summary: 新建草案。
"""

SCHEME = """\
# yaml-language-server: $schema={schema}
kind: scheme
id: {id}
title: （请填写方案标题）
""" + _CONTROL + """
scoring:
  method: 扣分制
  full_marks: 100
  category_floor: 0
  text: （请照录原文的计分办法，如“考核采用总分100分扣分制”）

blocks:
  - id: A
    name: A板块
    subjects:
      - （请填写考核对象名称）

facts:
{fact}
categories:
  - id: example-category
    name: （请填写考核类别名称）
    points: 100
    blocks: [A]
    source: {source}
    clauses:
      - no: 1
        text: （请照录条款原文）
        rules:
          - id: example-rule
            text: （请摘录本规则对应的原文措辞）
            count: example_count
            amount: 1
            unit: 次
"""

STANDARD = """\
# yaml-language-server: $schema={schema}
kind: standard
id: {id}
title: （请填写标准名称）
""" + _CONTROL + """text: （请照录原文的总体说明）
items:
  - id: {id}.item-1
    name: （请填写标准条目名称）
    text: （请照录条目的内容说明或建设目标）
    source: {source}
"""

FACT = """\
  - id: {id}
    name: （请填写事实名称）
    type: integer
    unit: 次
    minimum: 0
    default: 0
    description: （请写明填报口径：该怎么数、怎么填、什么情况下填0）
    example: 1
"""

DEFAULT_FOLDERS = {"scheme": "rules", "standard": "standards/catalog"}


def _check_id(kind: str, ident: str) -> None:
    if not ID_PATTERN.match(ident):
        raise UsageError([Problem.of("new.bad-id", Location(ident), actual=ident,
                                     example="my-fact" if kind == "fact" else "cz-teaching-2026")])
    if kind == "fact" and "-" in ident:
        raise UsageError([Problem.of("new.fact-hyphen", Location(ident), actual=ident,
                                     expected=ident.replace("-", "_"))])


def schema_ref(schemas: Path, kind: str, target: Path) -> str:
    """The schema path relative to the file's folder, as the first line needs it."""
    return Path(os.path.relpath(schemas / f"{kind}.schema.json", target.resolve().parent)).as_posix()


def skeleton(kind: str, ident: str, root: Path, target: Path | None = None, today: dt.date | None = None) -> str:
    """The text of a new scheme, standard or fact snippet, for the repository at `root`."""
    _check_id(kind, ident)
    day = (today or dt.date.today()).isoformat()
    if kind == "fact":
        return FACT.format(id=ident)
    path = target or default_path(root, kind, ident)
    template = SCHEME if kind == "scheme" else STANDARD
    return template.format(schema=schema_ref(root / "schemas", kind, path), id=ident, today=day, source=PLACEHOLDER_SOURCE,
                           fact=FACT.format(id="example_count"))


def default_path(root: Path, kind: str, ident: str) -> Path:
    _check_id(kind, ident)
    return root / DEFAULT_FOLDERS[kind] / f"{ident}.yaml"


def refuse_existing(path: Path) -> None:
    if path.exists():
        raise UsageError([Problem.of("new.exists", Location(str(path)))])
