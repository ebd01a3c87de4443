"""Alembic migrations of the results database, shipped in the package and applied by `Store` on first use.

To change the tables: edit tables.py, then add `versions/NNNN_<what>.py` with `down_revision` set to the newest
revision here and explicit `op.*` calls (see 0001_results.py); `Store` upgrades every database to head.
"""
