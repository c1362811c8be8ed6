"""Session rows: opened synchronously at start, closed at stop, and crashed ones closed on the next start."""

import platform
import socket
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select, update

from proagentbench.recorder.settings import Settings
from proagentbench.store import SESSION_STATE_RAW, Event, Screenshot, Session, Window, session_row
from proagentbench.timeutil import now_us

END_REASONS = ("stopped", "duration", "signal", "crashed")


@dataclass(frozen=True)
class OpenedSession:
    id: int
    uid: str
    started_at: int


def open_session(engine: Engine, settings: Settings, platform_name: str) -> OpenedSession:
    uid = uuid.uuid4().hex
    started_at = now_us()
    with engine.begin() as connection:
        result = connection.execute(
            insert(Session).values(
                session_row(
                    uid=uid,
                    user=settings.recorder.pseudonymous_user(),
                    host=socket.gethostname(),
                    platform=f"{platform_name} ({platform.system()} {platform.release()})",
                    started_at=started_at,
                    settings=settings.to_json(),
                )
            )
        )
        session_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    return OpenedSession(session_id, uid, started_at)


def end_session(engine: Engine, session_id: int, reason: str) -> int:
    if reason not in END_REASONS:
        raise ValueError(f"unknown end reason {reason!r}")
    ended_at = now_us()
    with engine.begin() as connection:
        connection.execute(
            update(Session).where(Session.id == session_id).values(ended_at=ended_at, end_reason=reason)
        )
    return ended_at


def close_crashed_sessions(engine: Engine) -> list[int]:
    """Close sessions a killed recorder left open, at the time of their last recorded row.

    Only called while holding the recorder lock, so no open session can belong to a live recorder.
    """
    closed: list[int] = []
    with engine.begin() as connection:
        open_ids = connection.execute(
            select(Session.id, Session.started_at).where(
                Session.ended_at.is_(None), Session.state == SESSION_STATE_RAW
            )
        ).all()
        for session_id, started_at in open_ids:
            last = started_at
            for model in (Event, Window, Screenshot):
                latest = connection.execute(
                    select(func.max(model.t)).where(model.session_id == session_id)
                ).scalar_one()
                if latest is not None:
                    last = max(last, int(latest))
            connection.execute(
                update(Session).where(Session.id == session_id).values(ended_at=last, end_reason="crashed")
            )
            closed.append(session_id)
    return closed
