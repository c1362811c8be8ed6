"""Where each file of a corpus directory lives (see `proagentbench.corpus.format` for the names).

Every module that reads or writes a corpus (or its staging folder) finds its files here, so the layout is
stated once.
"""

from pathlib import Path

from proagentbench.corpus.format import IMAGES_DIR, SPLITS


def table_file(table: str, split: str) -> str:
    """The table's Parquet file for one split, relative to the corpus root (as the manifest names it)."""
    return f"{table}/{split}.parquet"


def table_path(root: Path, table: str, split: str) -> Path:
    return root / table_file(table, split)


def written_splits(root: Path, table: str) -> list[str]:
    """The splits, in `SPLITS` order, that have a Parquet file of ``table`` under ``root``."""
    return [split for split in SPLITS if table_path(root, table, split).is_file()]


def image_file(session_uid: str, index: int, extension: str) -> str:
    """A redacted screenshot's path relative to the corpus root: one folder per session."""
    return f"{IMAGES_DIR}/{session_uid}/{index}.{extension}"
