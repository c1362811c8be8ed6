"""`proagentbench.benchmark.__all__` is the public face: what the docs and the CLI use is there."""

import ast
import re
from pathlib import Path

import proagentbench.benchmark as bench

ROOT = Path(__file__).parents[2]
DOC = ROOT / "docs" / "benchmark.md"
CLI = ROOT / "src" / "proagentbench" / "cli" / "bench.py"
CLI_TABLE = ROOT / "src" / "proagentbench" / "cli" / "bench_table.py"


def _imports_of_the_package(tree: ast.AST) -> list[tuple[str, list[str]]]:
    return [
        (node.module, [alias.name for alias in node.names])
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("proagentbench.benchmark")
    ]


def test_every_public_name_exists() -> None:
    assert sorted(bench.__all__) == bench.__all__
    missing = [name for name in bench.__all__ if not hasattr(bench, name)]
    assert not missing, missing


def test_the_docs_import_only_the_public_face() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.DOTALL)
    imports = [found for block in blocks for found in _imports_of_the_package(ast.parse(block))]
    assert imports, "no Python example in docs/benchmark.md imports proagentbench.benchmark"
    for module, names in imports:
        assert module == "proagentbench.benchmark", f"docs/benchmark.md reaches into {module}"
        assert set(names) <= set(bench.__all__), set(names) - set(bench.__all__)


def test_the_cli_imports_only_the_public_face() -> None:
    for path in (CLI, CLI_TABLE):
        imports = _imports_of_the_package(ast.parse(path.read_text()))
        assert imports, path
        for module, names in imports:
            assert module == "proagentbench.benchmark", f"cli/{path.name} reaches into {module}"
            assert set(names) <= set(bench.__all__), set(names) - set(bench.__all__)
