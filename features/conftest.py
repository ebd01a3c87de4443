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


def _is_scenario(item) -> bool:  # noqa: ANN001
    return Path(str(getattr(item, "path", ""))).parent == _here


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
    rules = coverage.universe(repo)
    complete = _ran_every_scenario(session) and exitstatus == 0
    scenarios = sum(1 for item in session.items if _is_scenario(item))
    path = coverage.save_fired(_FIRED, coverage.default_file(repo), rules=rules, complete=complete,
                               scenarios=scenarios)
    if not complete:
        return
    missing = coverage.uncovered(_FIRED, rules)
    if missing:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = [f"规则覆盖检查未通过：{len(missing)} 条规则没有任何场景执行过（记录见 {path}）："]
        lines += [f"  {r.namespace} {r.key}  {r.text}  （{r.where}）" for r in missing]
        if reporter:
            reporter.write_line("\n".join(lines), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# ---- a failed scenario reads as a scenario: which step, what was expected, in Chinese (not a Python traceback) ----
_STEPS: dict[str, list] = {}  # test node id → [(step, passed?)]


def pytest_bdd_after_step(request, feature, scenario, step, step_func, step_func_args) -> None:  # noqa: ANN001
    _STEPS.setdefault(request.node.nodeid, []).append((step, None))


def pytest_bdd_step_error(request, feature, scenario, step, step_func, step_func_args, exception) -> None:  # noqa: ANN001
    _STEPS.setdefault(request.node.nodeid, []).append((step, exception))
    request.node.zhibiao_scenario = (feature, scenario)


def pytest_bdd_step_func_lookup_error(request, feature, scenario, step, exception) -> None:  # noqa: ANN001
    _STEPS.setdefault(request.node.nodeid, []).append((step, exception))
    request.node.zhibiao_scenario = (feature, scenario)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # noqa: ANN001, ANN201
    outcome = yield
    report = outcome.get_result()
    steps = _STEPS.pop(item.nodeid, []) if report.when == "call" else []
    if not (report.failed and steps and hasattr(item, "zhibiao_scenario")):
        return
    if item.config.option.tbstyle not in ("auto", "short"):  # --tb=long / native: the full Python traceback
        return
    report.longrepr = scenario_summary(*item.zhibiao_scenario, steps)


def scenario_summary(feature, scenario, steps: list) -> str:  # noqa: ANN001
    """What a committee member needs: the scenario, the steps that passed, the step that failed and why."""
    where = Path(feature.filename).relative_to(_here.parent) if _here.parent in Path(feature.filename).parents \
        else Path(feature.filename).name
    lines = [f"场景“{scenario.name}”未通过（{where}:{scenario.line_number}）"]
    for step, error in steps:
        mark = "✓" if error is None else "✗"
        lines.append(f"  {mark} {step.keyword} {step.name}（第 {step.line_number} 行）")
        if error is not None:
            lines += ["", "  原因：" + _reason(error)]
            break
    lines += ["", "（需要 Python 的完整回溯时，加 --tb=long 重新运行）"]
    return "\n".join(lines)


def _reason(error: BaseException) -> str:
    if type(error).__name__ == "StepDefinitionNotFoundError":
        return "没有与这一句匹配的步骤：请对照 docs/manual/writing-scenarios.md 中的句式（引号用全角“”，数字前后留空格）"
    text = str(error).strip()
    if isinstance(error, AssertionError):
        if text.startswith("assert "):
            return "结果与场景中写的不一致：" + text.splitlines()[0][:400]
        message = text.split("\nassert ", 1)[0].strip()[:800]
        if not any("\u4e00" <= ch <= "\u9fff" for ch in message):  # a bare value: say what it is
            return f"结果与场景中写的不一致，实际为 {message}"
        return message
    return f"{type(error).__name__}：{text[:800]}"
