"""Is a Parquet file a table of this corpus format? Checked from its footer before any row is read, so a
foreign table (another tool's, another version's) is one clear line, not a KeyError deep in a reader."""

from pathlib import Path

from proagentbench.corpus.format import FORMAT_VERSION, arrow_schema
from proagentbench.corpus.manifest import CorpusError


def check_table_schema(path: Path, table: str, version: int = FORMAT_VERSION) -> None:
    """Every column that format ``version`` declares for ``table`` is there with its type; extras are fine."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        actual = pq.read_schema(path)
    except (OSError, pa.ArrowException) as exc:
        raise CorpusError(f"{path}: cannot be read as Parquet ({exc})") from None
    problems = []
    for expected in arrow_schema(table, version):
        index = actual.get_field_index(expected.name)
        if index < 0:
            problems.append(f"no column {expected.name}")
        elif not actual.field(index).type.equals(expected.type):
            problems.append(f"column {expected.name} is {actual.field(index).type}, expected {expected.type}")
    if problems:
        shown = "; ".join(problems[:4]) + (f"; and {len(problems) - 4} more" if len(problems) > 4 else "")
        raise CorpusError(f"{path}: not the {table} table of this corpus format ({shown})")
