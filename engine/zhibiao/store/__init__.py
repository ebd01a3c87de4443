"""成果: the results database (SQLAlchemy 2 + Alembic; SQLite by default, PostgreSQL by URL) and what is read
back from it — runs, a subject's history, the comparison of two periods, the previous period's values."""

from .compare import compare_runs
from .config import CONFIG, Settings, settings
from .database import Store, StoreError, exact_hash, exact_json, exact_load, period_key, submission_hash
from .previous import StorePrevious

__all__ = ["CONFIG", "Settings", "Store", "StoreError", "StorePrevious", "compare_runs", "exact_hash", "exact_json",
           "exact_load", "period_key", "settings", "submission_hash"]
