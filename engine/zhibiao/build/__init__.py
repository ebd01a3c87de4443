"""Stage 3 (continued) — build: turn validated documents into the typed model; read submissions against it."""
