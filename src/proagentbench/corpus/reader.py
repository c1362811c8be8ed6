"""Reading a corpus directory: verified against its manifest, tables read whole or streamed in batches."""

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from proagentbench.corpus.format import IMAGES_DIR, MANIFEST_NAME, SPLITS, TABLES
from proagentbench.corpus.hashing import sha256_file
from proagentbench.corpus.layout import table_file
from proagentbench.corpus.manifest import CorpusError, Manifest
from proagentbench.corpus.schema_check import check_table_schema

if TYPE_CHECKING:
    import pyarrow as pa


class Corpus:
    def __init__(self, root: Path, manifest: Manifest) -> None:
        self.root = root
        self.manifest = manifest

    def table_files(self, table: str, split: str | None = None) -> list[Path]:
        if table not in TABLES:
            raise CorpusError(f"unknown corpus table {table!r}; tables: {', '.join(TABLES)}")
        splits = SPLITS if split is None else (split,)
        names = (table_file(table, s) for s in splits)
        return [self.root / name for name in names if name in self.manifest.files]

    def read(self, table: str, split: str | None = None, columns: Sequence[str] | None = None) -> "pa.Table":
        """Read a whole table (all splits unless one is named). For large tables prefer `batches`."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        from proagentbench.corpus.format import arrow_schema

        files = self.table_files(table, split)
        if not files:
            schema = arrow_schema(table, self.version)
            if columns is not None:
                schema = pa.schema([_selected(schema, c) for c in columns])
            return schema.empty_table()
        for path in files:
            check_table_schema(path, table, self.version)
        try:
            return pa.concat_tables(
                pq.read_table(path, columns=list(columns) if columns else None) for path in files
            )
        except (OSError, pa.ArrowException) as exc:
            raise CorpusError(f"{self.root}: table {table} cannot be read ({exc})") from None

    def batches(
        self,
        table: str,
        split: str | None = None,
        columns: Sequence[str] | None = None,
        batch_size: int = 65_536,
    ) -> Iterator["pa.RecordBatch"]:
        """Stream a table in record batches, so memory stays bounded however large the corpus."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        for path in self.table_files(table, split):
            check_table_schema(path, table, self.version)
            try:
                parquet = pq.ParquetFile(path)
                yield from parquet.iter_batches(
                    batch_size=batch_size, columns=list(columns) if columns else None
                )
            except (OSError, pa.ArrowException) as exc:
                raise CorpusError(f"{path}: cannot be read ({exc})") from None

    @property
    def version(self) -> int:
        return self.manifest.format_version

    @property
    def image_column(self) -> str:
        """The column to read for screenshot paths: ``image.path`` (just the path of the image struct), or
        ``image`` in a version 1 corpus, where it is the path itself."""
        return "image" if self.version == 1 else "image.path"

    def image_path(self, image: "str | dict[str, object]") -> Path:
        """A screenshot's file from its `image` value: the path, or the struct (or part) holding it."""
        relative = image if isinstance(image, str) else image["path"]
        return self.root / str(relative)

    def verify(self, *, include_images: bool = True) -> None:
        """Check that every file in the manifest exists with its recorded size and sha256."""
        for name, entry in self.manifest.files.items():
            if not include_images and name.startswith(f"{IMAGES_DIR}/"):
                continue
            path = self.root / name
            if not path.is_file():
                raise CorpusError(f"{self.root}: file {name} listed in the manifest is missing")
            if path.stat().st_size != entry.bytes or sha256_file(path) != entry.sha256:
                raise CorpusError(
                    f"{self.root}: file {name} does not match its sha256 in the manifest (corrupt)"
                )
        for table in TABLES:
            for path in self.table_files(table):
                check_table_schema(path, table, self.version)


def _selected(schema: "pa.Schema", column: str) -> "pa.Field":
    """A column of ``schema``; for ``struct.field``, the struct with only that field (as Parquet reads it)."""
    import pyarrow as pa

    if column in schema.names or "." not in column:
        return schema.field(column)
    parent, child = column.split(".", 1)
    field = schema.field(parent)
    return field.with_type(pa.struct([field.type.field(child)]))


def open_corpus(root: Path, *, verify: bool = True, include_images: bool = True) -> Corpus:
    """Open a corpus directory; with ``verify`` every file is checked against the manifest first."""
    root = root.expanduser()
    if not root.is_dir():
        raise CorpusError(f"{root}: no such corpus directory")
    corpus = Corpus(root, Manifest.load(root / MANIFEST_NAME))
    if verify:
        corpus.verify(include_images=include_images)
    return corpus
