"""The corpus directory format: the public contract between `proagent export`/`import` and the benchmark.

    DIR/manifest.json            format name and version, counts, splits, provenance, sha256 of every file
    DIR/README.md                dataset card with Hugging Face YAML front matter
    DIR/<table>/<split>.parquet  one Parquet file per table and split (tables below)
    DIR/images/<session>/<n>.<ext>   redacted screenshots, referenced from the `screenshots` table

Bump FORMAT_VERSION on any incompatible change; readers refuse versions they do not know. Version 2 added
`timing.context` (the event window before each point) and made `screenshots.image` a {bytes, path} struct
(the Hugging Face `datasets` Image feature); version 1 corpora are still read (`columns(table, 1)`).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

FORMAT_NAME = "proagentbench-corpus"
FORMAT_VERSION = 2
SUPPORTED_VERSIONS = (1, 2)
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
# `image` is struct<bytes: binary, path: string>, nullable as the `datasets` Image feature declares it;
# `event_window` is a list of the events (`CONTEXT_FIELDS`) in the window before a decision point.
_IMAGE: Column = ("image", True)
_EVENT_WINDOW: Column = ("event_window", False)

# What `timing.context` holds: the events with point.t - CONTEXT_WINDOW_S < t_us <= point.t, the latest
# CONTEXT_MAX_EVENTS of them, with these fields (the context the benchmark's agents see by default).
CONTEXT_WINDOW_S = 300.0
CONTEXT_MAX_EVENTS = 512
CONTEXT_FIELDS: dict[str, str] = {
    "t_us": "int64",
    "kind": "string",
    "app": "string",
    "title": "string",
    "key": "string",
    "text": "string",
}

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
        "image": _IMAGE,
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
    "timing": {**_POINT, "label": _LABEL, "kind": _TEXT, **_SPLIT, "context": _EVENT_WINDOW},
    "content": {**_POINT, "intent": _OPTIONAL_TEXT, "content": _TEXT, **_SPLIT},
}


# Columns the writer derives once a table's rows are in (`corpus.context`); row producers never give them.
DERIVED_COLUMNS: dict[str, tuple[str, ...]] = {"timing": ("context",)}
_VERSION_1: dict[str, dict[str, Column | None]] = {
    "screenshots": {"image": _TEXT},
    "timing": {"context": None},
}


def columns(table: str, version: int = FORMAT_VERSION) -> dict[str, Column]:
    """The columns of ``table`` in a corpus of format ``version`` (1 or the current one)."""
    if version != 1:
        return COLUMNS[table]
    changes = _VERSION_1.get(table, {})
    result: dict[str, Column] = {}
    for name, kind in COLUMNS[table].items():
        old = changes.get(name, kind)
        if old is not None:  # None: the column did not exist in version 1
            result[name] = old
    return result


def point_id(session_uid: str, t_us: int) -> str:
    """The stable identifier of a decision point, shared by the timing and content tables."""
    return f"{session_uid}@{t_us}"


def arrow_type(kind: str) -> "pa.DataType":
    import pyarrow as pa

    if kind == "image":
        return pa.struct([pa.field("bytes", pa.binary()), pa.field("path", pa.string())])
    if kind == "event_window":
        return pa.list_(pa.struct([pa.field(name, arrow_type(t)) for name, t in CONTEXT_FIELDS.items()]))
    return {
        "string": pa.string(),
        "int64": pa.int64(),
        "int32": pa.int32(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
    }[kind]


def arrow_schema(table: str, version: int = FORMAT_VERSION, *, derived: bool = True) -> "pa.Schema":
    """The table's Arrow schema; ``derived=False`` leaves out what the writer adds (the rows' schema)."""
    import pyarrow as pa

    skip = () if derived else DERIVED_COLUMNS.get(table, ())
    return pa.schema(
        [
            pa.field(name, arrow_type(kind), nullable=nullable)
            for name, (kind, nullable) in columns(table, version).items()
            if name not in skip
        ]
    )
