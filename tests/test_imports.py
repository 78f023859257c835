"""No import cycle in postkit, counting imports inside functions, and dependencies point one way.

Every module under src/postkit is read with ``ast``: each import, at module level or inside
a function (deferred for start-up speed), is an edge; only ``if TYPE_CHECKING:`` blocks
are left out, since they never run. Importing a submodule runs its packages' ``__init__``
first, so each module also depends on its parent packages. The graph must have no cycle:
a deferred import may make a cycle work at run time, but it still hides one.

The layers are the ones docs/architecture.md draws: a module imports only from lower
layers and from its own unit (a top-level module, or one subpackage); units of one layer
know nothing of each other. A new module must be given a layer here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs

import postkit

SRC = Path(postkit.__file__).parent

#: The layers, lowest first; a unit is a top-level module or subpackage of postkit.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(units.split())
    for units in (
        "_cache_dir",  # the user's cache folder: imports nothing of postkit
        "postkit _public _data _trie _ascii_fast",  # neutral: import nothing above them
        "errors severity _generated scrubbing",  # neutral too: shared by every layer above
        "_emoji_table",  # the emoji package's look-ups: text asks it which characters take a variation selector
        "text _graphemes _regex_cache",
        "_emoji_scan cut_points article",
        "platforms",
        "records posts rules config",  # none of the four imports another
        "state output report template_gaps",  # none of the four imports another
        "writers linting ledger",
        "pipeline",
        "ci preview publishing",
        "cli",
        "__main__ _fastpaths",  # the entry point, and the fast-path table only the tests import
    )
)
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


@attrs.frozen
class Edge:
    """``source`` needs ``target`` first: an import (where, and whether deferred), or its package."""

    source: str
    target: str
    where: str

    def __str__(self) -> str:
        return f"{self.source} -> {self.target} ({self.where})"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, *, deferred: bool = False) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Each import statement that runs, and whether it sits inside a function."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            for other in node.orelse:
                yield from _imports(ast.Module(body=[other], type_ignores=[]), deferred=deferred)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, deferred
        yield from _imports(node, deferred=deferred or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef))


def _owner(name: str) -> str | None:
    """The postkit module ``name`` is, or is in (``postkit.rules.base.Rule`` -> ``postkit.rules.base``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _edges(module: str) -> list[Edge]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    edges = []
    for node, deferred in _imports(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])]
                )
            names = [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            target = _owner(name)
            if target is not None and target != module:
                where = f"{path.relative_to(SRC.parent)}:{node.lineno}{', inside a function' if deferred else ''}"
                edges.append(Edge(module, target, where))
    parent = module.rpartition(".")[0]
    if parent:
        edges.append(Edge(module, parent, "its package's __init__ runs first"))
    return edges


GRAPH = {module: _edges(module) for module in MODULES}


def _cycle() -> list[Edge] | None:
    """One cycle of the graph, as its edges, or None."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[Edge] = []

    def visit(module: str) -> list[Edge] | None:
        state[module] = 1
        for edge in GRAPH[module]:
            if state.get(edge.target) == 1:
                start = next((i for i, e in enumerate(path) if e.source == edge.target), len(path))
                return [*path[start:], edge]
            if edge.target not in state:
                path.append(edge)
                found = visit(edge.target)
                if found:
                    return found
                path.pop()
        state[module] = 2
        return None

    for module in GRAPH:
        if module not in state and (found := visit(module)):
            return found
    return None


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "postkit"


def test_no_import_cycle() -> None:
    """No module needs itself first, through any chain of imports (deferred ones included)."""
    cycle = [str(edge) for edge in _cycle() or []]

    assert not cycle, "import cycle:\n  " + "\n  ".join(cycle)


def test_every_module_has_a_layer() -> None:
    """Each top-level module and subpackage is placed in a layer (a new one must be, deliberately)."""
    assert set() == {_unit(module) for module in MODULES} - set(RANK)


def test_dependencies_point_down() -> None:
    """A module imports from lower layers or its own unit; base modules import nothing above them."""
    upward = sorted(
        {
            str(edge)
            for edges in GRAPH.values()
            for edge in edges
            if _unit(edge.source) != _unit(edge.target)
            and RANK[_unit(edge.target)] >= RANK[_unit(edge.source)]
            and _unit(edge.target) != "postkit"  # the package: its lazy table imports nothing when loaded
        }
    )

    assert not upward, "imports up or across a layer:\n  " + "\n  ".join(upward)


def test_the_test_sees_deferred_and_type_checking_imports() -> None:
    """The reader counts an import inside a function and skips one under TYPE_CHECKING."""
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import postkit.config\n"
        "def f():\n    import postkit.state\n"
    )
    found = [(node.names[0].name, deferred) for node, deferred in _imports(tree)]

    assert [("TYPE_CHECKING", False), ("postkit.state", True)] == found
