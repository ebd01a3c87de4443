"""Loads the Chinese step library (every module in features/steps/) for all scenarios.

Step modules are imported, not collected as tests, so scenarios are never duplicated.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

_here = Path(__file__).parent
if str(_here) not in sys.path:
    sys.path.insert(0, str(_here))

for _m in pkgutil.iter_modules([str(_here / "steps")]):
    _mod = importlib.import_module(f"steps.{_m.name}")
    globals().update({k: v for k, v in vars(_mod).items() if not k.startswith("_")})


def pytest_configure(config) -> None:  # noqa: ANN001
    """Register every @tag used in a .feature file, so Chinese tags work with --strict-markers and -m."""
    import re

    tags: set[str] = set()
    for path in _here.rglob("*.feature"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("@"):
                tags |= set(re.findall(r"@(\S+)", line))
    for tag in sorted(tags):
        config.addinivalue_line("markers", f"{tag}: 场景标签（来自 .feature 文件）")
