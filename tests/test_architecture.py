"""The import structure keeps the flow one way: YAML → load → validate → model → build → compile → evaluate →
trace → render, then the callers (repository, workflow, api, site, service, cli).

Every module of the package belongs to one stage below. An import may point to its own stage or an earlier one,
never to a later one; no import cycle; no function-local import of the package's own modules (it would only dodge
a cycle); no `ImportError`/`ModuleNotFoundError` guard around them; nothing outside `zhibiao.cli` imports the CLI.
A new module must be given a stage here — that is the moment to decide where it belongs.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "engine" / "zhibiao"

# In order: a module may import from its own stage and every stage above it in this list.
STAGES: list[tuple[str, tuple[str, ...]]] = [
    ("foundation", ("zhibiao", "zhibiao.errors", "zhibiao.messages", "zhibiao.numbers", "zhibiao.limits",
                    "zhibiao.conditions", "zhibiao.progress", "zhibiao.stopping")),
    ("load", ("zhibiao.load",)),
    ("validate", ("zhibiao.validate",)),
    ("model", ("zhibiao.model",)),
    ("build", ("zhibiao.build",)),
    ("compile", ("zhibiao.compile",)),
    ("evaluate", ("zhibiao.evaluate",)),
    ("trace", ("zhibiao.trace",)),
    ("render", ("zhibiao.render",)),
    ("intake", ("zhibiao.intake",)),
    ("history", ("zhibiao.history",)),
    ("repository", ("zhibiao.repository", "zhibiao.coverage")),
    ("store", ("zhibiao.store",)),
    ("workflow", ("zhibiao.workflow",)),
    ("jobs", ("zhibiao.jobs",)),
    ("api", ("zhibiao.api",)),
    ("callers", ("zhibiao.site", "zhibiao.service", "zhibiao.spark")),
    ("cli", ("zhibiao.cli",)),
]


def _modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        parts = ["zhibiao", *p.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _stage(module: str) -> int:
    best, rank = -1, -1
    for i, (_, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), i
    return rank


def _own_imports(module: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function?) for every import of the package's own modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_function = {id(n) for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
                   for n in ast.walk(fn)}
    is_pkg = path.name == "__init__.py"
    out = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_pkg else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            names = [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in modules else prefix for a in node.names]
        for name in names:
            if name == "zhibiao" or name.startswith("zhibiao."):
                target = name
                while target not in modules and "." in target:
                    target = target.rsplit(".", 1)[0]
                out.append((target, node.lineno, id(node) in in_function))
    return out


def test_every_module_has_a_stage():
    unplaced = sorted(m for m in _modules() if _stage(m) < 0)
    assert unplaced == [], f"give these modules a stage in STAGES: {unplaced}"


def test_imports_point_only_to_the_same_or_an_earlier_stage():
    modules = _modules()
    upward = []
    for module, path in modules.items():
        for target, line, _ in _own_imports(module, path, modules):
            if _stage(target) > _stage(module):
                upward.append(f"{module}:{line} → {target} ({STAGES[_stage(module)][0]} → {STAGES[_stage(target)][0]})")
    assert upward == []


def test_no_cycles():
    modules = _modules()
    graph = {m: {t for t, _, _ in _own_imports(m, p, modules) if t != m and not m.startswith(t + ".")}
             for m, p in modules.items()}
    seen: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:
        if m in stack:
            cycles.append(stack[stack.index(m):] + [m])
            return
        if m in seen:
            return
        seen.add(m)
        stack.append(m)
        for t in sorted(graph.get(m, ())):
            visit(t)
        stack.pop()

    for m in sorted(graph):
        visit(m)
    assert cycles == []


def test_no_function_local_imports_of_the_package():
    modules = _modules()
    local = [f"{m}:{line} → {t}" for m, p in modules.items() for t, line, inner in _own_imports(m, p, modules) if inner]
    assert local == []


def test_no_import_guards_around_the_package():
    guarded = []
    for module, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            catches = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            if catches & {"ImportError", "ModuleNotFoundError"}:
                imports = [n for stmt in node.body for n in ast.walk(stmt) if isinstance(n, (ast.Import, ast.ImportFrom))]
                own = [n for n in imports if (isinstance(n, ast.ImportFrom) and (n.level or (n.module or "").startswith("zhibiao")))
                       or (isinstance(n, ast.Import) and any(a.name.startswith("zhibiao") for a in n.names))]
                if own:
                    guarded.append(f"{module}:{node.lineno}")
    assert guarded == []


def test_nothing_imports_the_cli():
    modules = _modules()
    users = sorted({m for m, p in modules.items() if not (m == "zhibiao.cli" or m.startswith("zhibiao.cli."))
                    for t, _, _ in _own_imports(m, p, modules) if t == "zhibiao.cli" or t.startswith("zhibiao.cli.")})
    assert users == []
