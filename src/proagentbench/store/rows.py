"""Building rows of the store's tables: the one place that knows which columns a new session needs."""

import json
from collections.abc import Mapping
from typing import Any

from proagentbench import __version__
from proagentbench.store.schema import SESSION_STATE_RAW


def session_row(
    *,
    uid: str,
    user: str,
    started_at: int,
    host: str = "localhost",
    platform: str = "linux",
    ended_at: int | None = None,
    end_reason: str | None = None,
    state: str = SESSION_STATE_RAW,
    recorder_version: str = __version__,
    settings: Mapping[str, Any] | None = None,
    id: int | None = None,
) -> dict[str, Any]:
    """Values for ``insert(Session)``; ``settings`` is stored as sorted JSON. ``id`` is left to SQLite when
    None. A session that has ended needs its reason."""
    if ended_at is not None and end_reason is None:
        end_reason = "stopped"
    row: dict[str, Any] = {
        "uid": uid,
        "user": user,
        "host": host,
        "platform": platform,
        "started_at": started_at,
        "ended_at": ended_at,
        "end_reason": end_reason,
        "state": state,
        "recorder_version": recorder_version,
        "settings": json.dumps(dict(settings or {}), sort_keys=True),
    }
    if id is not None:
        row["id"] = id
    return row
