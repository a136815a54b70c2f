"""The layout is the architecture: no import cycles, and imports only point downwards.

Layers, top to bottom (README, "Architecture"): faces (``bot.cli``, ``bot.slack``,
``handlers``, ``jobs``, ``bot.__main__``) → the router (``bot.commands``) → use cases
(``bot.lookup``, ``bot.digest``, ``bot.watch``, ``bot.alerts``, ``bot.export``) and the
renderers of their results (``bot.render``), one layer → components (``bot.fetch``,
``bot.sources``, ``bot.text``, ``bot.extract``, ``bot.store``, and ``bot.services`` which
opens the store) → foundation (the other modules directly in ``bot/``). Imports under
``if TYPE_CHECKING:`` are annotations, not dependencies, and are not counted.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "jobs")

FACES = ("bot.cli", "bot.slack", "handlers", "jobs", "bot.__main__")
ROUTER = ("bot.commands",)
USE_CASES = ("bot.lookup", "bot.digest", "bot.watch", "bot.alerts", "bot.export", "bot.render")
COMPONENTS = (
    "bot.fetch",
    "bot.sources",
    "bot.text",
    "bot.extract",
    "bot.store",
    "bot.llm",
    "bot.services",
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, known: dict[str, Path]) -> Iterator[str]:
    """Every project module this code imports, at any depth, except for annotations."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield submodule if submodule in known else node.module
        yield from _imports(node, known)


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {
        name: {m for m in _imports(ast.parse(path.read_text()), known) if m in known} - {name}
        for name, path in known.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _layer(module: str) -> int:
    for rank, layer in enumerate((FACES, ROUTER, USE_CASES, COMPONENTS)):
        if any(module == p or module.startswith(p + ".") for p in layer):
            return rank
    return 4  # foundation


def test_no_module_imports_itself_through_others() -> None:
    assert _cycles(_graph()) == []


def test_packages_import_no_package_above_them() -> None:
    upward = sorted(
        f"{module} → {target}"
        for module, targets in _graph().items()
        for target in targets
        if _layer(target) < _layer(module)
    )
    assert upward == []
