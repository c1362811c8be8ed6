"""What an endpoint + model was found to support, remembered so that negotiation happens once.

In-process (shared by every `ChatModel` of the process, e.g. an agent and a judge on one server) and, when a
cache folder is in use, on disk in ``negotiated.json`` there, so a rerun does not negotiate again. Only what
worked is remembered: a request that fails for another reason leaves the memory as it was.
"""

import json
import threading
from dataclasses import asdict, dataclass, replace
from pathlib import Path

FILE_NAME = "negotiated.json"


@dataclass(frozen=True)
class Capabilities:
    mode: str | None = None  # the response-format mode that produced a valid reply
    images: bool | None = None  # False once the endpoint rejected image parts


_PROCESS: dict[str, Capabilities] = {}
_LOCK = threading.Lock()


class CapabilityMemory:
    def __init__(self, folder: Path | None = None) -> None:
        self.path = folder / FILE_NAME if folder is not None else None
        self._loaded = False

    def get(self, endpoint: str) -> Capabilities:
        with _LOCK:
            if not self._loaded:
                self._loaded = True
                for key, value in self._read().items():
                    _PROCESS.setdefault(key, value)
            return _PROCESS.get(endpoint, Capabilities())

    def remember(self, endpoint: str, *, mode: str | None = None, images: bool | None = None) -> None:
        with _LOCK:
            old = _PROCESS.get(endpoint, Capabilities())
            new = replace(
                old,
                mode=mode if mode is not None else old.mode,
                images=images if images is not None else old.images,
            )
            if new == old:
                return
            _PROCESS[endpoint] = new
            if self.path is not None:
                stored = self._read()
                stored[endpoint] = new
                self._write(stored)

    def _read(self) -> dict[str, Capabilities]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {str(key): Capabilities(**value) for key, value in data.items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}  # missing or damaged: negotiate again, which rewrites it

    def _write(self, stored: dict[str, Capabilities]) -> None:
        import os
        import tempfile

        assert self.path is not None
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-negotiated-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({key: asdict(value) for key, value in sorted(stored.items())}, handle, indent=1)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def forget_all() -> None:
    """Clear the in-process memory (tests that count negotiation requests start from nothing)."""
    with _LOCK:
        _PROCESS.clear()
