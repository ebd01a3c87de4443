"""Stage 2 — validate: JSON Schema and semantic checks of loaded documents, every problem located and collected."""
