"""Stage 7 — render: results, traces and problems as text, JSON, CSV, Markdown; files written atomically."""
