"""No import cycle between the apps of src/banenbrug (docs/architecture.md, "Layers").

The graph is built from the source (the AST of every module, imports at module level and
inside functions alike), not from what happens to be imported at run time, so an import put
inside a function to dodge a cycle still counts. A node is a top-level package or module of
banenbrug (`matching`, `memo`, ...); an edge A -> B says some module of A imports one of B.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import banenbrug

PACKAGE = Path(banenbrug.__file__).parent

# Modules that are a node of their own rather than part of their package, with the reason.
OWN_NODES = {
    # The API's composition root mounts every pillar's router; the rest of `api` (problems,
    # permissions, middleware) is used by the pillars, so it sits below them.
    "banenbrug.api.urls": "api.urls",
    # A pure view on the one region reader (banenbrug/atlas.py) that people and matching
    # share; it lives in matching/, which imports people, so it is a node of its own.
    "banenbrug.matching.regions": "regions",
}

Edge = tuple[str, str]
Where = dict[Edge, list[str]]  # (from, to) -> ["matching/service.py:25", ...]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def node_of(module: str) -> str | None:
    """The node a banenbrug module belongs to; None outside the package."""
    parts = module.split(".")
    if parts[0] != "banenbrug" or len(parts) < 2:
        return None
    for owned, node in OWN_NODES.items():
        if module == owned or module.startswith(owned + "."):
            return node
    return parts[1]


def imported_modules(tree: ast.AST, module: str, is_package: bool,
                     is_module: Callable[[str], bool]) -> list[tuple[str, int]]:
    """Every module an import statement anywhere in the tree names, with its line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's own package upwards
                base = module.split(".")[: len(module.split(".")) - node.level + is_package]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from banenbrug.x import y`: the module x.y if there is one, else a name in x
            found += [(f"{target}.{alias.name}" if is_module(f"{target}.{alias.name}")
                       else target, node.lineno) for alias in node.names]
    return found


def import_graph(root: Path = PACKAGE) -> Where:
    where: Where = defaultdict(list)
    modules = {module_name(path, root) for path in root.rglob("*.py")}
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue  # historical states reference models by string; they are not the code
        module = module_name(path, root)
        source = node_of(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for target, line in imported_modules(tree, module, is_package, modules.__contains__):
            node = node_of(target)
            if source and node and node != source:
                place = f"{path.relative_to(root)}:{line}"
                if place not in where[(source, node)]:
                    where[(source, node)].append(place)
    return where


def cycles(edges: list[Edge]) -> list[tuple[list[str], list[str]]]:
    """One cycle per strongly connected component with more than one node (Tarjan): the
    shortest path a -> b -> ... -> a from its first node, and all the component's nodes."""
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(set(graph) | {b for _, b in edges}):
        if node not in index:
            visit(node)
    return [(_path_through(graph, component), sorted(component)) for component in components]


def _path_through(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest cycle from the component's first node back to itself (breadth first)."""
    start = min(component)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & component):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if nxt not in previous:
                    previous[nxt] = node
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle through {sorted(component)}")


def describe(cycle: list[str], component: list[str], where: Where) -> str:
    steps = [f"  {a} -> {b} ({', '.join(where.get((a, b), [])[:3])})"
             for a, b in pairwise(cycle)]
    tangled = f"\n  (all tangled together: {', '.join(component)})" if len(component) > 2 else ""
    return " -> ".join(cycle) + "\n" + "\n".join(steps) + tangled


def test_no_import_cycle_between_apps():
    where = import_graph()
    found = cycles(list(where))
    assert not found, "import cycles between apps:\n" + "\n".join(
        describe(cycle, component, where) for cycle, component in found)


def test_the_graph_sees_imports_inside_functions_and_the_composition_roots():
    where = import_graph()
    # web/warm.py imports the plans service inside a function
    assert any(p.startswith("web/warm.py:") for p in where[("web", "plans")])
    assert ("api.urls", "matching") in where and ("matching", "api") in where
    assert ("api", "matching") not in where  # only the composition root mounts the pillars


def test_the_people_app_sits_below_the_pillars_that_use_it():
    where = import_graph()
    for pillar in ("matching", "plans", "employers", "accounts"):
        assert (pillar, "people") in where
    above_people = {"matching", "plans", "transitions", "employers", "evaluation", "registry",
                    "monitor", "orientation", "web", "api.urls"}
    assert {b for a, b in where if a == "people"}.isdisjoint(above_people)


def test_the_foundation_imports_no_app():
    where = import_graph()
    foundation = ("conf", "memo", "cache_files", "cli_support", "tables", "language",
                  "pdf_layout", "numbers", "atlas", "regions", "jobs", "understanding",
                  "small_cells")
    for node in foundation:
        assert {b for a, b in where if a == node} <= set(foundation), node


def test_a_cycle_is_found_and_named(tmp_path):
    package = tmp_path / "banenbrug"
    for name, source in {"a/__init__.py": "", "a/x.py": "def f():\n    from banenbrug.b import y\n",
                         "b/__init__.py": "", "b/y.py": "from banenbrug.c import z\n",
                         "c/__init__.py": "", "c/z.py": "from banenbrug import a\n",
                         "d.py": "import banenbrug.a.x\n"}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(source)
    where = import_graph(package)
    found = cycles(list(where))
    assert found == [(["a", "b", "c", "a"], ["a", "b", "c"])]
    text = describe(*found[0], where).splitlines()
    assert text[:2] == ["a -> b -> c -> a", "  a -> b (a/x.py:2)"]
    assert text[-1] == "  (all tangled together: a, b, c)"
    assert ("d", "a") in where
