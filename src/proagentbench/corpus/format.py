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

Column = tuple[str, bool]  # (arrow type name, nullable): plain data, so docs and tests need no pyarrow
_TEXT: Column = ("string", False)
_OPTIONAL_TEXT: Column = ("string", True)
_TIME_US: Column = ("int64", False)
_LABEL: Column = ("bool", False)
_OPTIONAL_INT32: Column = ("int32", True)

# Column groups that several tables share, so the shared keys are declared once.
_AT: dict[str, Column] = {"session_uid": _TEXT, "t_us": _TIME_US}  # a moment of a session
_POINT: dict[str, Column] = {"point_id": _TEXT, "session_uid": _TEXT, "user": _TEXT, "t_us": _TIME_US}
_WINDOW: dict[str, Column] = {"app": _OPTIONAL_TEXT, "title": _OPTIONAL_TEXT}  # the focused window
_SPLIT: dict[str, Column] = {"split": _TEXT}

COLUMNS: dict[str, dict[str, Column]] = {
    "sessions": {
        "session_uid": _TEXT,
        "user": _TEXT,
        **_SPLIT,
        "source": _TEXT,
        "started_at_us": _TIME_US,
        "ended_at_us": ("int64", True),
        "duration_s": ("float64", False),
        "n_events": ("int64", False),
        "n_screenshots": ("int64", False),
    },
    "events": {
        **_AT,
        "kind": _TEXT,
        **_WINDOW,
        "key": _OPTIONAL_TEXT,
        "button": _OPTIONAL_TEXT,
        **{axis: _OPTIONAL_INT32 for axis in ("x", "y", "dx", "dy")},
        "text": _OPTIONAL_TEXT,
        **_SPLIT,
    },
    "screenshots": {
        **_AT,
        "image": _TEXT,
        "width": ("int32", False),
        "height": ("int32", False),
        **_WINDOW,
        **_SPLIT,
    },
    "annotations": {
        **_AT,
        "label": _LABEL,
        "kind": _TEXT,
        "intent": _OPTIONAL_TEXT,
        "content": _OPTIONAL_TEXT,
        "source": _TEXT,
        "confidence": ("float64", True),
        **_SPLIT,
    },
    "timing": {**_POINT, "label": _LABEL, "kind": _TEXT, **_SPLIT},
    "content": {**_POINT, "intent": _OPTIONAL_TEXT, "content": _TEXT, **_SPLIT},
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
