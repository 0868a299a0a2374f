"""The layers of DESIGN.md section 2, checked on the source: who may import Qt and storage, and
that no modules of HubDesk import each other in a circle.

Every import statement of every module under ``hubdesk/`` is read with ``ast`` (nothing is
imported), including imports inside functions and ``if TYPE_CHECKING:`` blocks:

- Qt (``PySide6``, ``shiboken6``) only in ``hubdesk/ui/`` and ``hubdesk/app.py``, wherever the
  import stands: an import inside a function still loads Qt when it runs.
- ``hubdesk/ui/`` never imports ``hubdesk.storage``: widgets reach the database, backups,
  restores and the data folder through services. Type-only imports count too; the services
  re-export the names the window needs.
- No import cycles among the imports that run when a module is loaded (module level, including
  ``try``/``if`` blocks at module level). Imports inside functions run later, when the module
  graph is complete, and are how a lower layer deliberately reaches up without a cycle at load
  time; imports under ``if TYPE_CHECKING:`` never run at all. Both are left out of the cycle
  graph, and only these.

An import of ``package.name`` counts as an import of the module ``package.name`` when that
module exists, else of ``package`` (``from hubdesk.i18n import _``). The package's own
``__init__`` that Python runs on the way is not counted as an edge: our ``__init__`` modules
import nothing of their own package's submodules but what this test sees anyway.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "hubdesk"
QT_PACKAGES = ("PySide6", "shiboken6")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, ``hubdesk.ui.forms``
    target: str  # what it imports, resolved to a module when it is one of ours
    line: int
    at_load: bool  # runs when the module is loaded (not in a function, not type-only)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, at_load: bool) -> Iterator[tuple[ast.AST, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            yield from _walk(child, False)
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.body:
                yield stmt, False
                yield from _walk(stmt, False)
            for stmt in child.orelse:
                yield stmt, at_load
                yield from _walk(stmt, at_load)
        else:
            yield child, at_load
            yield from _walk(child, at_load)


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[Import] = []
    for node, at_load in _walk(tree, True):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(module, alias.name, node.lineno, at_load))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                if not is_package:
                    anchor = anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                target = submodule if submodule in modules else base
                found.append(Import(module, target, node.lineno, at_load))
    return found


def every_import() -> list[Import]:
    modules = all_modules()
    return [imp for name, path in modules.items() for imp in imports_of(name, path, modules)]


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_the_parser_sees_function_level_and_type_only_imports(tmp_path: Path) -> None:
    """The rules below can only fail if the parser finds imports where they hide."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "import a\n"
        "if TYPE_CHECKING:\n    import b\n"
        "def f():\n    from c import d\n"
        "try:\n    import e\nexcept ImportError:\n    e = None\n"
    )
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    seen = {(i.target, i.at_load) for i in imports_of("probe", path, {})}
    assert seen == {("typing", True), ("a", True), ("b", False), ("c", False), ("e", True)}


def test_only_the_window_imports_qt() -> None:
    offenders = [
        f"{imp.module}:{imp.line} imports {imp.target}"
        for imp in every_import()
        if any(_within(imp.target, qt) for qt in QT_PACKAGES)
        and not (_within(imp.module, "hubdesk.ui") or imp.module == "hubdesk.app")
    ]
    assert not offenders, "Qt outside hubdesk/ui and app.py:\n" + "\n".join(offenders)


def test_the_window_reaches_storage_only_through_services() -> None:
    offenders = [
        f"{imp.module}:{imp.line} imports {imp.target}"
        for imp in every_import()
        if _within(imp.module, "hubdesk.ui") and _within(imp.target, "hubdesk.storage")
    ]
    assert not offenders, "use hubdesk.services.datafolder:\n" + "\n".join(offenders)


def load_time_graph() -> dict[str, set[str]]:
    modules = all_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for imp in every_import():
        if imp.at_load and imp.target in modules and imp.target != imp.module:
            graph[imp.module].add(imp.target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

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
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles() -> None:
    found = cycles(load_time_graph())
    assert not found, "modules importing each other:\n" + "\n".join(" <-> ".join(c) for c in found)
