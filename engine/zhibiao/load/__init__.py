"""Stage 1 — load: read YAML or JSON into plain data, remembering where every key and value stood."""

from .document import Document, Pointer, format_pointer
from .reader import load_data, load_file, load_text

__all__ = ["Document", "Pointer", "format_pointer", "load_data", "load_file", "load_text"]
