"""Source documents by their Chinese titles.

YAML files cite a source as `source: {file: 002_0760d59eef6def2d.txt, section: 附件}`: the file name is what a
maintainer needs to find the text, but a reader needs the document's title. The titles are those of the seeds
index (`/work/shared/seeds/README.md`); a file not listed here is shown by its name, so nothing is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class SourceDocument:
    file: str
    title: str
    issuer: str
    year: str = ""


SOURCES = (
    SourceDocument("000_54a45781a78ff778.txt", "汕头职业技术学院国际质量标准化体系建设工作方案", "汕头职业技术学院", "2015"),
    SourceDocument("001_eeafa781316cf98f.txt", "贵州轻工职业技术学院内部质量保证体系建设与运行实施方案", "贵州轻工职业技术学院"),
    SourceDocument("002_0760d59eef6def2d.txt", "郴州职业技术学院“质量管理季”活动实施方案（含考核方案）", "郴州职业技术学院", "2009"),
    SourceDocument("003_d0a5018759f809e3.txt", "山西轻工职业技术学院内部质量保证体系诊断与改进工作实施方案（含诊断项目表）",
                   "山西轻工职业技术学院"),
    SourceDocument("004_d6f85537f62519a6.txt", "广东省高等职业院校内部质量保证体系诊断与改进实施方案（试行）", "广东省教育厅"),
    # Not sources: documents this project wrote to show the general assessment language (虚构的学院与数字).
    SourceDocument("examples/documents/demo-school-teaching.md", "示例职业技术学院二级学院教学工作考核办法（本项目自编示例）",
                   "示例职业技术学院（虚构）", "2024"),
    SourceDocument("examples/documents/demo-teacher-annual.md", "示例职业技术学院专任教师年度考核及系部考核办法（本项目自编示例）",
                   "示例职业技术学院（虚构）", "2024"),
)
BY_FILE = {s.file: s for s in SOURCES}


def source_title(file: str) -> str:
    """《title》 of a cited file, or the file name itself when it is not a known source."""
    known = BY_FILE.get(file)
    return f"《{known.title}》" if known else file


def citation(src: Any, *, within: str = "") -> str:
    """Plain text “《title》section” for a `source` (model or mapping). When the file is `within` (the file the
    whole document cites), only the section is given: the page header already names the document."""
    if src is None:
        return ""
    file, section = (str((src.get(k) if isinstance(src, Mapping) else getattr(src, k, "")) or "")
                     for k in ("file", "section"))
    if file and file == within:
        return section or source_title(file)
    return "".join(x for x in (source_title(file) if file else "", section) if x)
