"""Writing a corpus directory in a streaming fashion, atomically.

Everything is written into a hidden sibling folder and renamed into place by `finish()`, so an interrupted or
failed export leaves no partial corpus behind (`abort()` removes the folder; what a killed one left, named
with its pid, is swept by the next writer). Rows are given without the derived columns: `close_tables()`
adds `timing.context` (`corpus.context`); a screenshot row's `image` may be the path of a file added by
the time the row is flushed, whose bytes are then embedded as the `datasets` Image struct. The corpus is
owner-only (folders 0700, files 0600) like the stores it comes from: publishing it, after `verify`, is the
user's act.
"""

import contextlib
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from proagentbench import __version__, paths
from proagentbench.corpus.context import add_timing_context
from proagentbench.corpus.format import COLUMNS, MANIFEST_NAME, TABLES, arrow_schema
from proagentbench.corpus.hashing import sha256_file
from proagentbench.corpus.layout import table_path, written_splits
from proagentbench.corpus.manifest import CorpusError, FileEntry, Manifest
from proagentbench.errors import ExitCode
from proagentbench.timeutil import now_us, us_to_iso


class CorpusWriter:
    def __init__(self, root: Path, *, batch_rows: int = 20_000) -> None:
        self.root = root
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise CorpusError(
                f"{root}: already exists and is not an empty directory; choose another --out",
                exit_code=ExitCode.USAGE,
            )
        self.staging = root.parent / f"{partial_prefix(root)}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._batch_rows = batch_rows
        self._buffers: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._writers: dict[tuple[str, str], Any] = {}
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._context_pending = False

    def __enter__(self) -> "CorpusWriter":
        try:
            paths.make_private_dir(
                self.root.parent
            )  # only the folders it creates; an existing one is the user's
            paths.sweep_dead_leftovers(self.root.parent, partial_prefix(self.root))
            self.staging.mkdir(mode=0o700)
            os.chmod(self.staging, 0o700)  # mkdir's mode is masked by the umask
        except OSError as exc:
            raise CorpusError(f"{self.root}: cannot be created ({exc.strerror})") from None
        return self

    def __exit__(self, exc_type: object, exc: object, traceback: object) -> None:
        if exc_type is not None:
            self.abort()

    def add_row(self, table: str, split: str, row: dict[str, Any]) -> None:
        if table not in COLUMNS:
            raise ValueError(f"unknown corpus table {table!r}")
        buffer = self._buffers.setdefault((table, split), [])
        buffer.append(row)
        self.counts[table] += 1
        self._context_pending = self._context_pending or table in ("timing", "events")
        # screenshot rows hold image bytes: flushed in small batches to bound memory
        limit = min(self._batch_rows, IMAGE_BATCH_ROWS) if table == "screenshots" else self._batch_rows
        if len(buffer) >= limit:
            self._flush(table, split)

    def _with_image(self, row: dict[str, Any]) -> dict[str, Any]:
        image = row.get("image")
        if not isinstance(image, str):
            return row
        try:
            data = (self.staging / image).read_bytes()
        except OSError as exc:
            raise CorpusError(f"screenshot {image}: no such file in the corpus ({exc.strerror})") from None
        return {**row, "image": {"bytes": data, "path": image}}

    def add_file(self, relative: str, source: Path | bytes) -> None:
        """Copy a file (e.g. a redacted image) into the corpus at ``relative``."""
        target = self.staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, bytes):
            target.write_bytes(source)
        else:
            shutil.copyfile(source, target)

    def write_text(self, relative: str, text: str) -> None:
        self.add_file(relative, text.encode("utf-8"))

    def _flush(self, table: str, split: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self._buffers.get((table, split))
        if not rows:
            return
        schema = arrow_schema(table, derived=False).with_metadata(huggingface_metadata(table))
        if table == "screenshots":
            rows[:] = [self._with_image(row) for row in rows]
        batch = pa.Table.from_pylist(rows, schema=schema)
        writer = self._writers.get((table, split))
        if writer is None:
            path = table_path(self.staging, table, split)
            path.parent.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(path, schema, compression="zstd")
            self._writers[(table, split)] = writer
        writer.write_table(batch)
        rows.clear()

    def close_tables(self) -> None:
        """Flush and close every Parquet file (`finish` does it too; call it earlier to verify first)."""
        for table, split in list(self._buffers):
            self._flush(table, split)
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()
        if self._context_pending:
            for split in written_splits(self.staging, "timing"):
                add_timing_context(self.staging, split)
            self._context_pending = False

    def finish(self, manifest: Manifest) -> Manifest:
        """Close every file, record its sha256 in the manifest and move the corpus into place."""
        self.close_tables()
        manifest.counts = {**self.counts, **manifest.counts}
        manifest.files = {
            path.relative_to(self.staging).as_posix(): _file_entry(path)
            for path in sorted(self.staging.rglob("*"))
            if path.is_file() and path.name != MANIFEST_NAME
        }
        (self.staging / MANIFEST_NAME).write_text(manifest.to_json(), encoding="utf-8")
        paths.make_private_tree(self.staging)
        if self.root.exists():
            self.root.rmdir()
        os.replace(self.staging, self.root)
        return manifest

    def abort(self) -> None:
        for writer in self._writers.values():
            with contextlib.suppress(Exception):  # best effort: the output is being discarded
                writer.close()
        self._writers.clear()
        shutil.rmtree(self.staging, ignore_errors=True)


IMAGE_BATCH_ROWS = 64


def huggingface_metadata(table: str) -> dict[bytes, bytes]:
    """Parquet schema metadata that tells `datasets` which columns are images (it reads them as Image)."""
    if table != "screenshots":
        return {}
    features = {"image": {"_type": "Image"}}
    return {b"huggingface": json.dumps({"info": {"features": features}}).encode()}


def partial_prefix(root: Path) -> str:
    """The name a corpus being written to ``root`` has until it is complete, before its pid."""
    return f".{root.name}.partial-"


def new_manifest(*, source: str, split_by: str, **fields: Any) -> Manifest:
    values: dict[str, Any] = {
        "created_at": us_to_iso(now_us()),
        "generator": f"proagentbench {__version__}",
        "source": source,
        "split_by": split_by,
        "seed": None,
        "test_fraction": None,
        "counts": {},
        "splits": {},
        "anonymizer": None,
    }
    values.update(fields)
    return Manifest(**values)


def _file_entry(path: Path) -> FileEntry:
    return FileEntry(sha256=sha256_file(path), bytes=path.stat().st_size)
