"""On-disk cache of validated model replies, keyed by a hash of the whole request.

One small JSON file per request under two-level fan-out directories, written atomically, so concurrent threads
and interrupted runs never leave a half-written entry. Owner-only, since prompts contain (redacted) user data.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def cache_folder(cache_dir: str | None, use_cache: bool) -> Path | None:
    """Where a model caller keeps its replies: ``cache_dir``, else ``model-cache/`` in the data directory;
    None when caching is off."""
    if not use_cache:
        return None
    from proagentbench import paths

    return Path(cache_dir).expanduser() if cache_dir else paths.data_dir() / "model-cache"


def request_key(request: dict[str, Any]) -> str:
    canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ReplyCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        reply = data.get("reply") if isinstance(data, dict) else None
        return reply if isinstance(reply, str) else None

    def put(self, key: str, reply: str) -> None:
        path = self._path(key)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"reply": reply}, handle)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
