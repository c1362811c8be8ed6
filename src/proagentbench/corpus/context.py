"""`timing.context`: each decision point's event window, so the timing table is usable on its own.

The window is the one the benchmark's agents see by default: the session's events with
point.t - CONTEXT_WINDOW_S < t_us <= point.t, the latest CONTEXT_MAX_EVENTS of them, with the fields in
`CONTEXT_FIELDS`. It is derived from the `events` table of the same split once every row is written, with
two binary searches per point and one Arrow `take`, then written back into the timing file. It holds one
split's events (these columns) in memory, as the benchmark's timeline does (benchmarks/timing_context.py).
"""

from pathlib import Path
from typing import TYPE_CHECKING

from proagentbench.corpus.format import CONTEXT_FIELDS, CONTEXT_MAX_EVENTS, CONTEXT_WINDOW_S, arrow_type
from proagentbench.corpus.layout import table_path

if TYPE_CHECKING:
    import pyarrow as pa


def add_timing_context(root: Path, split: str) -> None:
    """Add the `context` column to ``root``'s timing file of ``split`` (the file must exist)."""
    import pyarrow.parquet as pq

    path = table_path(root, "timing", split)
    timing = pq.read_table(path)
    if "context" in timing.column_names:
        return
    windows = event_windows(timing, _sorted_events(root, split))
    table = timing.append_column(pa_field(), windows)
    pq.write_table(table, path, compression="zstd")


def pa_field() -> "pa.Field":
    import pyarrow as pa

    return pa.field("context", arrow_type("event_window"), nullable=False)


def _sorted_events(root: Path, split: str) -> "pa.Table":
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = table_path(root, "events", split)
    names = ["session_uid", *CONTEXT_FIELDS]
    if not path.is_file():
        return pa.table({name: pa.array([], type=arrow_type(kind)) for name, kind in _types(names).items()})
    events = pq.read_table(path, columns=names)
    return events.sort_by([("session_uid", "ascending"), ("t_us", "ascending")])


def _types(names: list[str]) -> dict[str, str]:
    return {name: CONTEXT_FIELDS.get(name, "string") for name in names}


def event_windows(timing: "pa.Table", events: "pa.Table") -> "pa.Array":
    """One list of event structs per timing row (events sorted by session, then time)."""
    import numpy as np
    import pyarrow as pa

    times = events.column("t_us").to_numpy(zero_copy_only=False).astype("int64")
    ranges = _session_ranges(events.column("session_uid").to_pylist())
    width = int(CONTEXT_WINDOW_S * 1_000_000)
    pieces: list[np.ndarray] = []
    offsets = [0]
    for uid, t_us in zip(
        timing.column("session_uid").to_pylist(), timing.column("t_us").to_pylist(), strict=True
    ):
        lo, hi = ranges.get(uid, (0, 0))
        first = lo + int(np.searchsorted(times[lo:hi], t_us - width, side="right"))
        last = lo + int(np.searchsorted(times[lo:hi], t_us, side="right"))
        first = max(first, last - CONTEXT_MAX_EVENTS)
        pieces.append(np.arange(first, last, dtype="int64"))
        offsets.append(offsets[-1] + last - first)
    indices = pa.array(np.concatenate(pieces) if pieces else np.array([], dtype="int64"))
    struct_type = arrow_type("event_window").value_type
    values = pa.StructArray.from_arrays(
        [events.column(name).combine_chunks().take(indices) for name in CONTEXT_FIELDS],
        fields=list(struct_type),
    )
    offsets_array = pa.array(offsets, type=pa.int32())
    return pa.ListArray.from_arrays(offsets_array, values, type=arrow_type("event_window"))


def _session_ranges(sessions: list[str]) -> dict[str, tuple[int, int]]:
    ranges: dict[str, tuple[int, int]] = {}
    start = 0
    for index in range(1, len(sessions) + 1):
        if index == len(sessions) or sessions[index] != sessions[start]:
            ranges[sessions[start]] = (start, index)
            start = index
    return ranges
