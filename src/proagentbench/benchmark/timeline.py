"""Per-session timelines of one split: rows sorted by (session, time) once, windows found by binary search.

The table is read once, in batches, with only the columns needed, and kept columnar (Arrow + NumPy), so a
window costs two binary searches and the conversion of just the rows inside it.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from proagentbench.corpus import Corpus

if TYPE_CHECKING:
    import pyarrow as pa


class Timeline:
    def __init__(self, corpus: Corpus, table: str, split: str | None, columns: Sequence[str]) -> None:
        import numpy as np
        import pyarrow as pa

        wanted = ["session_uid", "t_us", *[c for c in columns if c not in ("session_uid", "t_us")]]
        batches = list(corpus.batches(table, split, columns=wanted))
        data = pa.Table.from_batches(batches) if batches else corpus.read(table, split, columns=wanted)
        data = data.sort_by([("session_uid", "ascending"), ("t_us", "ascending")])
        self._table: pa.Table = data
        self._times: np.ndarray = data.column("t_us").to_numpy(zero_copy_only=False).astype("int64")
        sessions = data.column("session_uid").to_pylist()
        self._ranges: dict[str, tuple[int, int]] = {}
        start = 0
        for index in range(1, len(sessions) + 1):
            if index == len(sessions) or sessions[index] != sessions[start]:
                self._ranges[sessions[start]] = (start, index)
                start = index

    def __len__(self) -> int:
        return len(self._times)

    def sessions(self) -> list[str]:
        return list(self._ranges)

    def span(self, session_uid: str, start_us: int, end_us: int) -> tuple[int, int]:
        """Row range of the session's rows with start_us < t_us <= end_us."""
        import numpy as np

        lo, hi = self._ranges.get(session_uid, (0, 0))
        times = self._times[lo:hi]
        first = int(np.searchsorted(times, start_us, side="right"))
        last = int(np.searchsorted(times, end_us, side="right"))
        return lo + first, lo + last

    def rows(self, start: int, stop: int) -> list[dict[str, Any]]:
        if stop <= start:
            return []
        return self._table.slice(start, stop - start).to_pylist()

    def columns(self, start: int, stop: int, names: Sequence[str]) -> list[list[Any]]:
        """The rows start..stop as one Python list per column (much cheaper than a dict per row)."""
        if stop <= start:
            return [[] for _ in names]
        part = self._table.slice(start, stop - start)
        return [part.column(name).to_pylist() for name in names]

    def session_rows(self, session_uid: str) -> list[dict[str, Any]]:
        return self.rows(*self._ranges.get(session_uid, (0, 0)))

    def column(self, name: str) -> "pa.ChunkedArray":
        return self._table.column(name)
