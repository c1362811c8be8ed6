"""docs/corpus.md documents exactly the columns the corpus format declares."""

import re
from pathlib import Path

from proagentbench.corpus.format import COLUMNS, TABLES

DOC = Path(__file__).parents[2] / "docs" / "corpus.md"
ROW = re.compile(r"^\| `(\w+)` \| (\w+) \| (yes|no) \|$")


def _documented_tables() -> dict[str, dict[str, tuple[str, bool]]]:
    tables: dict[str, dict[str, tuple[str, bool]]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            current = tables.setdefault(line[4:].strip(), {})
        elif current is not None and (match := ROW.match(line)):
            current[match[1]] = (match[2], match[3] == "yes")
    return tables


def test_every_table_and_column_is_documented_in_order() -> None:
    documented = _documented_tables()
    assert set(documented) == set(TABLES)
    for table in TABLES:
        assert list(documented[table].items()) == list(COLUMNS[table].items()), table
