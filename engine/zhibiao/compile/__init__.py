"""Stage 4 — compile: the typed model → durable-rules programs (plain data), once per scheme, block and date."""
