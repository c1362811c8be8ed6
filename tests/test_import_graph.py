"""No import cycles inside proagentbench, type-only ones included.

Every ``import`` and ``from ... import`` anywhere in a module counts: at the top, under
``if TYPE_CHECKING:`` and inside functions. A cycle that works only because one side is lazy or type-only
still ties the modules together: neither can be read, moved or tested without the other.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src"
PACKAGE = "proagentbench"

# Cycles tolerated while their area is being untangled, each named by the modules it ties together, e.g.
# frozenset({"proagentbench.x", "proagentbench.y"}). None today; an entry matching no cycle fails the test.
ALLOWED_CYCLES: tuple[frozenset[str], ...] = ()


def module_names(src: Path = SRC) -> dict[str, Path]:
    names: dict[str, Path] = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> Iterator[str]:
    """The dotted names an import statement may refer to (modules, or attributes of one)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    for alias in node.names:
        yield f"{base}.{alias.name}"
    yield base


def import_graph(src: Path = SRC) -> dict[str, set[str]]:
    """Module -> the proagentbench modules it imports (a ``from m import name`` is an edge to m.name when that
    is a module, else to m)."""
    modules = module_names(src)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            candidates = list(_imported(node, name, path.name == "__init__.py"))
            if isinstance(node, ast.ImportFrom):
                # `from pkg import x`: x when it is a module, otherwise pkg itself.
                targets = {c for c in candidates[:-1] if c in modules} or {candidates[-1]}
            else:
                targets = set(candidates)
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module: each holds at least one cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: set[str] = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def _closed_path(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """The shortest cycle through the component's first module (breadth-first), first module repeated last."""
    start = min(component)
    parent: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for target in sorted(graph[node] & component):
                if target == start:
                    path = [node]
                    while (step := parent[path[-1]]) is not None:
                        path.append(step)
                    return [*reversed(path), start]
                if target not in parent:
                    parent[target] = node
                    following.append(target)
        frontier = following
    raise AssertionError(f"no cycle through {start}")  # unreachable for a strongly connected component


def describe(graph: dict[str, set[str]], component: set[str]) -> str:
    others = sorted(component - set(cycle := _closed_path(graph, component)))
    return " -> ".join(cycle) + (f" (and through {', '.join(others)})" if others else "")


def test_no_import_cycles() -> None:
    graph = import_graph()
    unexpected = [
        describe(graph, component)
        for component in cycles(graph)
        if not any(component <= allowed for allowed in ALLOWED_CYCLES)
    ]
    assert not unexpected, "import cycles (type-only and function-level imports count):\n" + "\n".join(
        unexpected
    )


def test_allowed_cycles_still_exist() -> None:
    found = cycles(import_graph())
    stale = [sorted(allowed) for allowed in ALLOWED_CYCLES if not any(cycle <= allowed for cycle in found)]
    assert not stale, f"these allowed cycles are gone; remove them from ALLOWED_CYCLES: {stale}"


def test_benchmark_types_import_nothing_from_their_package() -> None:
    """The value types every benchmark module uses sit at the bottom of the graph."""
    imports = import_graph()["proagentbench.benchmark.types"]
    assert not {m for m in imports if m.startswith("proagentbench.benchmark")}, imports


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / PACKAGE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize(
    "files",
    [
        {  # type-only
            "__init__.py": "",
            "a.py": "import typing\nif typing.TYPE_CHECKING:\n    from proagentbench.b import B\n",
            "b.py": "from proagentbench.a import A\n",
        },
        {  # inside a function, through a package's submodule
            "__init__.py": "",
            "pkg/__init__.py": "",
            "pkg/a.py": "def f():\n    from proagentbench.pkg import b\n",
            "pkg/b.py": "import proagentbench.c\n",
            "c.py": "from .pkg.a import f\n",
        },
        {  # relative, from inside a package
            "__init__.py": "",
            "pkg/__init__.py": "from .a import x\n",
            "pkg/a.py": "from . import b\n",
            "pkg/b.py": "from .. import pkg\n",
        },
    ],
)
def test_the_checker_finds_cycles(tmp_path: Path, files: dict[str, str]) -> None:
    graph = import_graph(_write(tmp_path, files))
    found = cycles(graph)
    assert len(found) == 1, found
    path = _closed_path(graph, found[0])
    assert path[0] == path[-1] and set(path) == found[0], path
    assert all(b in graph[a] for a, b in zip(path, path[1:], strict=False)), path


def test_the_checker_accepts_a_dag(tmp_path: Path) -> None:
    files = {
        "__init__.py": "from proagentbench.a import A\n",
        "a.py": "from proagentbench import b\nA = 1\n",
        "b.py": "import json\nimport typing\nif typing.TYPE_CHECKING:\n    import proagentbench.c\n",
        "c.py": "",
    }
    graph = import_graph(_write(tmp_path, files))
    assert graph == {"proagentbench": {"proagentbench.a"}, "proagentbench.a": {"proagentbench.b"},
                     "proagentbench.b": {"proagentbench.c"}, "proagentbench.c": set()}  # fmt: skip
    assert cycles(graph) == []
