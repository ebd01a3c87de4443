"""The generated site as plain data: pages (path → Markdown), their nav section, and the YAML they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .documents import DocumentInfo


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, e.g. "schemes/cz-quality-season.md"
    title: str
    markdown: str
    section: str  # navigation section (tab), e.g. "考核方案"
    source: str = ""  # repository-relative YAML path the page was generated from
    subsection: str = ""  # optional second level under the tab
    nav_title: str = ""  # shorter title for the navigation (defaults to `title`)


@dataclass(frozen=True)
class Source:
    """One loaded controlled document: the model object (or plain data) and its YAML path."""

    obj: Any
    path: str  # repository-relative, forward slashes


@dataclass(frozen=True)
class Context:
    root: Path
    repo_url: str | None = None
    branch: str = "main"


@dataclass
class Site:
    pages: list[Page] = field(default_factory=list)
    documents: list[DocumentInfo] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # Chinese messages; the hook logs them as warnings
    values: dict[str, str] = field(default_factory=dict)  # placeholders for the hand-written chapters
    rule_labels: dict[str, str] = field(default_factory=dict)  # "scheme:rule" → “学习讨论第2条”

    def as_dict(self) -> dict[str, str]:
        return {p.path: p.markdown for p in self.pages}


# Navigation sections (tabs), in reading order. Hand-written chapters come first under 质量手册.
SECTIONS = ("质量手册", "考核方案", "考核结果", "标准库", "诊断与复核", "目标与组织", "进度与职责", "修订记录")
