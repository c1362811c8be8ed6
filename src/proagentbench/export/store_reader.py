"""Streaming reads from a clean store: sessions, events with their window, screenshots, annotations.

Events are fetched with a server-side cursor in chunks (``yield_per``), one session at a time, so memory does
not grow with the size of the store.
"""

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Engine, Row, func, select

from proagentbench.store import Annotation, Event, Screenshot, Session, Window, require_anonymized

FETCH_CHUNK = 5_000


def load_sessions(engine: Engine) -> list[Row[Any]]:
    """Every session (small: one row per recording), in a deterministic order."""
    with engine.connect() as connection:
        return list(connection.execute(select(Session).order_by(Session.started_at, Session.uid)))


def refuse_unanonymized(sessions: list[Row[Any]], where: str) -> None:
    require_anonymized(
        sessions, where, stage="export only reads clean stores, and exports nothing while any session is raw"
    )


def session_last_event_t(connection: Connection, session_id: int) -> int | None:
    value = connection.execute(select(func.max(Event.t)).where(Event.session_id == session_id)).scalar()
    return int(value) if value is not None else None


def iter_events(connection: Connection, session_id: int) -> Iterator[Any]:
    query = (
        select(
            Event.t.label("t_us"),
            Event.kind,
            Event.key,
            Event.char,
            Event.button,
            Event.x,
            Event.y,
            Event.dx,
            Event.dy,
            Event.text,
            Window.app,
            Window.title,
        )
        .outerjoin(Window, Event.window_id == Window.id)
        .where(Event.session_id == session_id)
        .order_by(Event.t, Event.id)
    )
    yield from connection.execution_options(yield_per=FETCH_CHUNK).execute(query)


def iter_screenshots(connection: Connection, session_id: int) -> Iterator[Any]:
    query = (
        select(
            Screenshot.t.label("t_us"),
            Screenshot.path,
            Screenshot.format,
            Screenshot.width,
            Screenshot.height,
            Screenshot.sha256,
            Window.app,
            Window.title,
        )
        .outerjoin(Window, Screenshot.window_id == Window.id)
        .where(Screenshot.session_id == session_id)
        .order_by(Screenshot.t, Screenshot.id)
    )
    yield from connection.execution_options(yield_per=FETCH_CHUNK).execute(query)


def iter_annotations(connection: Connection, session_id: int) -> Iterator[Any]:
    query = (
        select(
            Annotation.t.label("t_us"),
            Annotation.label,
            Annotation.kind,
            Annotation.intent,
            Annotation.content,
            Annotation.source,
            Annotation.confidence,
        )
        .where(Annotation.session_id == session_id)
        .order_by(Annotation.t, Annotation.created_at, Annotation.id)
    )
    yield from connection.execution_options(yield_per=FETCH_CHUNK).execute(query)
