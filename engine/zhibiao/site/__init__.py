"""The standards handbook and quality manual, rendered from the controlled YAML as plain Markdown.

`render_site(root)` returns {relative page path: Markdown}; the MkDocs hook (`hooks.py`) and the
`zhibiao docs` command both use it, so the site content does not depend on MkDocs itself.
"""

from .site import render, render_site

__all__ = ["render", "render_site"]
