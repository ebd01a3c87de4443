"""填报: the workbooks staff fill in (templates from any scheme) and reading them back as located submissions.

layout.py (scheme → sheets and columns) is shared by template.py (writing) and workbook.py (reading), so a
template and its filled copy are always read by the same description; cells.py reads a cell as a person meant
it; merge.py puts several departments' files together. Everything read here then goes through the one
submission checker (`build.submission`) like YAML and JSON.
"""

from .layout import Layout, build_layout
from .merge import merge_documents
from .template import template_bytes
from .workbook import SUFFIXES, is_workbook, read_workbook

__all__ = ["Layout", "SUFFIXES", "build_layout", "is_workbook", "merge_documents", "read_workbook", "template_bytes"]
