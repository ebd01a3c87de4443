"""Stage 3 — model: typed, frozen dataclasses of every document kind, of submissions and of results.

Built from validated documents by `zhibiao.build`; read by the compiler, the scorer, the renderers and the site.
"""
