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


# ---- rule coverage: every rule in the repository must be exercised by at least one scenario ----
import pytest  # noqa: E402

from zhibiao import api, coverage  # noqa: E402
from zhibiao.evaluate import engine  # noqa: E402

_FIRED: set[tuple[str, str]] = set()


@pytest.fixture(autouse=True)
def _record_rules():
    """While a scenario runs, the engine records every rule that fires."""
    engine.RECORDER = _FIRED
    yield
    engine.RECORDER = None


def _ran_every_scenario(session) -> bool:  # noqa: ANN001
    opt = session.config.option
    if opt.keyword or opt.markexpr or getattr(opt, "lf", False):
        return False
    collected = {Path(str(getattr(item, "path", ""))).name for item in session.items}
    binders = {p.name for p in _here.glob("test_*.py")}
    return binders <= collected


def pytest_sessionfinish(session, exitstatus) -> None:  # noqa: ANN001
    if not _FIRED:
        return
    repo = api.open_repository()
    path = coverage.save_fired(_FIRED, coverage.default_file(repo))
    if not _ran_every_scenario(session) or exitstatus != 0:
        return
    missing = coverage.uncovered(_FIRED, coverage.universe(repo))
    if missing:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = [f"规则覆盖检查未通过：{len(missing)} 条规则没有任何场景执行过（记录见 {path}）："]
        lines += [f"  {r.namespace} {r.key}  {r.text}  （{r.where}）" for r in missing]
        if reporter:
            reporter.write_line("\n".join(lines), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
