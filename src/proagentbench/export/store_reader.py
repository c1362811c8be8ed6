"""Streaming reads from a clean store: sessions, events and screenshots with their window, annotations.

Rows are fetched with a server-side cursor in chunks (``yield_per``), one session at a time, so memory does
not grow with the size of the store.
"""

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Engine, Executable, Row, Select, func, select

from proagentbench.store import PRIVACY_KIND, Annotation, Event, Screenshot, Session, Window

FETCH_CHUNK = 5_000


def read_store_sessions(engine: Engine) -> list[Row[Any]]:
    """Every session of the store (small: one row per recording), in a deterministic order."""
    with engine.connect() as connection:
        return list(connection.execute(select(Session).order_by(Session.started_at, Session.uid)))


def session_last_event_t(connection: Connection, session_id: int) -> int | None:
    value = connection.execute(select(func.max(Event.t)).where(Event.session_id == session_id)).scalar()
    return int(value) if value is not None else None


def iter_events(connection: Connection, session_id: int) -> Iterator[Any]:
    columns = (
        Event.kind,
        Event.key,
        Event.char,
        Event.button,
        Event.x,
        Event.y,
        Event.dx,
        Event.dy,
        Event.text,
    )
    return _stream(connection, _in_window(Event, session_id, columns))


def iter_screenshots(connection: Connection, session_id: int) -> Iterator[Any]:
    columns = (Screenshot.path, Screenshot.format, Screenshot.width, Screenshot.height, Screenshot.sha256)
    return _stream(connection, _in_window(Screenshot, session_id, columns))


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
            Annotation.data,
        )
        .where(Annotation.session_id == session_id, Annotation.kind != PRIVACY_KIND)
        .order_by(Annotation.t, Annotation.created_at, Annotation.id)
    )
    return _stream(connection, query)


def _in_window(
    model: type[Event] | type[Screenshot], session_id: int, columns: tuple[Any, ...]
) -> Select[Any]:
    """A session's rows of ``model`` in time order, each with its window's app and title."""
    return (
        select(model.t.label("t_us"), *columns, Window.app, Window.title)
        .outerjoin(Window, model.window_id == Window.id)
        .where(model.session_id == session_id)
        .order_by(model.t, model.id)
    )


def _stream(connection: Connection, query: Executable) -> Iterator[Any]:
    yield from connection.execution_options(yield_per=FETCH_CHUNK).execute(query)
