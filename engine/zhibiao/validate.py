"""`zhibiao validate`: every YAML document under rules/ and standards/ — schema first, then semantics."""

from __future__ import annotations

import difflib
import importlib
import re
from pathlib import Path
from typing import Callable, Iterable

from .errors import Location, Problem, ZhibiaoError
from .loading import Document, load_file
from .paths import relative, repo_root, schemas_dir
from .schema_check import check as check_schema
from .semantics import check_scheme

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")
YAML_SUFFIXES = (".yaml", ".yml")

Check = Callable[[Document, list[Document]], list[Problem]]


def default_paths() -> list[Path]:
    root = repo_root()
    return [p for p in (root / "rules", root / "standards") if p.exists()]


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(x for x in p.rglob("*") if x.suffix in YAML_SUFFIXES and x.is_file())
        else:
            out.append(p)
    return out


def _semantic_checks() -> dict[str, Check]:
    checks: dict[str, Check] = {"scheme": lambda doc, _all: check_scheme(doc), "submission": _check_submission}
    try:  # the standards side registers its own kinds
        mod = importlib.import_module("zhibiao.standards.checks")
        checks.update(getattr(mod, "CHECKS", {}))
    except ModuleNotFoundError:
        pass
    return checks


def _check_submission(doc: Document, _all: list[Document]) -> list[Problem]:
    """A facts submission is checked against the scheme it names, exactly as `zhibiao score` would."""
    from .repository import find_scheme
    from .submission import read_submission

    ident, _, version = str(doc.data["scheme"]).partition("@")
    try:
        read_submission(doc, find_scheme(ident, version or doc.data.get("version")))
    except ZhibiaoError as exc:
        return exc.problems
    return []


def known_kinds() -> list[str]:
    return sorted(p.name.removesuffix(".schema.json") for p in schemas_dir().glob("*.schema.json")
                  if p.name != "common.schema.json")


SCHEMA_ONLY_KINDS = ("review-submission", "indicator-submission")


def _declared_kind(doc: Document) -> str:
    m = SCHEMA_LINE.match(doc.text.split("\n", 1)[0])
    return Path(m.group(1)).name.removesuffix(".schema.json") if m else ""


def _schema_line(doc: Document, path: Path) -> list[Problem]:
    first = doc.text.split("\n", 1)[0]
    m = SCHEMA_LINE.match(first)
    kind = doc.data.get("kind", _declared_kind(doc)) if isinstance(doc.data, dict) else None
    if not m:
        want = f"# yaml-language-server: $schema=…/schemas/{kind or '<种类>'}.schema.json"
        return [Problem(Location(doc.path, 1, 1), f"第一行应为模式声明“{want}”，编辑器据此提供补全和说明")]
    target = (path.parent / m.group(1)).resolve()
    if not target.is_file():
        return [Problem(Location(doc.path, 1, 1), f"第一行声明的模式文件“{m.group(1)}”不存在")]
    if kind and target.name != f"{kind}.schema.json":
        return [Problem(Location(doc.path, 1, 1), f"第一行声明的模式“{target.name}”与文件种类 kind: {kind} 不符（应为 {kind}.schema.json）")]
    return []


def load_documents(files: Iterable[Path]) -> tuple[list[Document], list[Problem]]:
    docs, problems = [], []
    for f in files:
        try:
            docs.append(load_file(f, relative(f)))
        except ZhibiaoError as exc:
            problems += exc.problems
    return docs, problems


def validate(paths: Iterable[Path] | None = None, base: str | None = None) -> tuple[list[Problem], int]:
    """All problems (errors and warnings) in the given files/folders, and how many documents were read.

    With `base` (a git revision), a document whose content changed since then must carry a higher version
    and a new revision record.
    """
    files = yaml_files(paths if paths is not None else default_paths())
    docs, problems = load_documents(files)
    kinds = known_kinds()
    checks = _semantic_checks()
    valid: list[Document] = []
    kind_of: dict[int, str] = {}
    for doc in docs:
        declared = _declared_kind(doc)
        if isinstance(doc.data, dict) and "kind" not in doc.data and declared in SCHEMA_ONLY_KINDS:
            kind_of[id(doc)] = declared  # submission files of these kinds carry no `kind:` key
        elif not isinstance(doc.data, dict) or "kind" not in doc.data:
            problems.append(Problem(Location(doc.path, 1, 1), f"缺少文件种类“kind”（可选：{'、'.join(kinds)}）"))
            continue
        kind = kind_of.get(id(doc)) or doc.data["kind"]
        if kind not in kinds:
            hint = difflib.get_close_matches(str(kind), kinds, n=1)
            tip = f"，是否想写“{hint[0]}”？" if hint else ""
            problems.append(Problem(doc.where(("kind",)), f"未知的文件种类“{kind}”{tip}（可选：{'、'.join(kinds)}）"))
            continue
        problems += _schema_line(doc, doc.file or Path(doc.path))
        found = check_schema(doc, f"{kind}.schema.json")
        problems += found
        if not found:
            valid.append(doc)
    for doc in valid:
        check = checks.get(kind_of.get(id(doc)) or doc.data["kind"])
        if check:
            problems += check(doc, valid)
    problems += _duplicate_documents(valid)
    if base:
        from .workflow.versions import check_against_base

        problems += check_against_base(docs, base)
    return sorted(problems, key=lambda p: (p.location.file, p.location.line or 0, p.location.column or 0)), len(docs)


def _duplicate_documents(docs: list[Document]) -> list[Problem]:
    seen: dict[tuple[str, str, str], Document] = {}
    out = []
    for doc in docs:
        if "id" not in doc.data or "kind" not in doc.data:  # submissions are not controlled documents
            continue
        key = (doc.data["kind"], doc.data["id"], str(doc.data.get("version", "")))
        if key in seen:
            out.append(Problem(doc.where(("id",)), f"文件标识“{key[1]}”版本 {key[2]} 与 {seen[key].path} 重复"))
        else:
            seen[key] = doc
    return out
