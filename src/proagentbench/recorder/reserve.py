"""Room kept back on the store's disk so that a recording can always be closed.

A disk that fills while recording makes every later write fail, the final "session ended" update included,
which would leave the session open. The recorder holds a small owner-only ballast file beside its store and
deletes it when that update is refused for lack of space: the room it frees is enough to close the session.
"""

import contextlib
import os
from pathlib import Path

from proagentbench import paths

RESERVE_BYTES = 1 << 20  # a few WAL pages and a checkpoint are all the closing update needs


class DiskReserve:
    def __init__(self, store_db: Path, size: int = RESERVE_BYTES) -> None:
        self.path = store_db.parent / f".{store_db.name}.reserve"
        self.size = size

    def hold(self) -> bool:
        """Write the ballast (real blocks, not a sparse file); False when even that does not fit."""
        try:
            paths.write_private(self.path, b"\0" * self.size)
            return True
        except OSError:
            self.release()
            return False

    def release(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
