"""The corpus directory format: the public contract between `proagent export`/`import` and the benchmark.

    DIR/manifest.json            format name and version, counts, splits, provenance, sha256 of every file
    DIR/README.md                dataset card with Hugging Face YAML front matter
    DIR/<table>/<split>.parquet  one Parquet file per table and split (tables below)
    DIR/images/<session>/<n>.<ext>   redacted screenshots, referenced from the `screenshots` table

Bump FORMAT_VERSION on any incompatible change; readers refuse versions they do not know.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

FORMAT_NAME = "proagentbench-corpus"
FORMAT_VERSION = 1
SUPPORTED_VERSIONS = (1,)
MANIFEST_NAME = "manifest.json"
CARD_NAME = "README.md"
IMAGES_DIR = "images"
SPLITS = ("train", "test")

TABLES = ("sessions", "events", "screenshots", "annotations", "timing", "content")

# Column -> (arrow type name, nullable): plain data, so docs and tests can read it without pyarrow.
COLUMNS: dict[str, dict[str, tuple[str, bool]]] = {
    "sessions": {
        "session_uid": ("string", False),
        "user": ("string", False),
        "split": ("string", False),
        "source": ("string", False),
        "started_at_us": ("int64", False),
        "ended_at_us": ("int64", True),
        "duration_s": ("float64", False),
        "n_events": ("int64", False),
        "n_screenshots": ("int64", False),
    },
    "events": {
        "session_uid": ("string", False),
        "t_us": ("int64", False),
        "kind": ("string", False),
        "app": ("string", True),
        "title": ("string", True),
        "key": ("string", True),
        "button": ("string", True),
        "x": ("int32", True),
        "y": ("int32", True),
        "dx": ("int32", True),
        "dy": ("int32", True),
        "text": ("string", True),
        "split": ("string", False),
    },
    "screenshots": {
        "session_uid": ("string", False),
        "t_us": ("int64", False),
        "image": ("string", False),
        "width": ("int32", False),
        "height": ("int32", False),
        "app": ("string", True),
        "title": ("string", True),
        "split": ("string", False),
    },
    "annotations": {
        "session_uid": ("string", False),
        "t_us": ("int64", False),
        "label": ("bool", False),
        "kind": ("string", False),
        "intent": ("string", True),
        "content": ("string", True),
        "source": ("string", False),
        "confidence": ("float64", True),
        "split": ("string", False),
    },
    "timing": {
        "point_id": ("string", False),
        "session_uid": ("string", False),
        "user": ("string", False),
        "t_us": ("int64", False),
        "label": ("bool", False),
        "kind": ("string", False),
        "split": ("string", False),
    },
    "content": {
        "point_id": ("string", False),
        "session_uid": ("string", False),
        "user": ("string", False),
        "t_us": ("int64", False),
        "intent": ("string", True),
        "content": ("string", False),
        "split": ("string", False),
    },
}


def point_id(session_uid: str, t_us: int) -> str:
    """The stable identifier of a decision point, shared by the timing and content tables."""
    return f"{session_uid}@{t_us}"


def arrow_schema(table: str) -> "pa.Schema":
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "int32": pa.int32(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
    }
    return pa.schema(
        [pa.field(name, types[kind], nullable=nullable) for name, (kind, nullable) in COLUMNS[table].items()]
    )
