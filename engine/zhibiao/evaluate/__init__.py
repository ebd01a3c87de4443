"""Stage 5 — evaluate: durable-rules decides every condition; Python adds up exactly over what it decided."""
