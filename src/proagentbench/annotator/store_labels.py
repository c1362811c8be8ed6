"""Annotating a clean store: read each anonymized session's timeline, write its decision points."""

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select

from proagentbench.annotator.heuristic import HeuristicSettings, TimelineEvent, label_session
from proagentbench.store import Annotation, Event, Session, Window, open_store, require_anonymized
from proagentbench.timeutil import now_us

SOURCE_HEURISTIC = "heuristic"


def annotate_store(
    db_path: Path,
    settings: HeuristicSettings,
    *,
    on_session: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Label every anonymized session of a clean store; re-running replaces the earlier heuristic labels.

    Raw sessions are refused: only anonymized data is ever labelled (and later sent to models).
    Returns totals of positives and negatives written.
    """
    engine = open_store(db_path)
    try:
        sessions = _anonymized_sessions(engine, db_path)
        totals = {"sessions": 0, "positives": 0, "negatives": 0}
        for session_id, uid in sessions:
            points = label_session(_timeline(engine, session_id), settings, session_key=uid)
            created = now_us()
            with engine.begin() as connection:
                connection.execute(
                    delete(Annotation).where(
                        Annotation.session_id == session_id, Annotation.source == SOURCE_HEURISTIC
                    )
                )
                if points:
                    connection.execute(
                        insert(Annotation),
                        [
                            {
                                "session_id": session_id,
                                "t": point.t,
                                "label": point.label,
                                "kind": point.kind,
                                "intent": point.intent,
                                "content": point.content,
                                "source": SOURCE_HEURISTIC,
                                "confidence": None,
                                "data": json.dumps({"app": point.app, "settings": asdict(settings)}),
                                "created_at": created,
                            }
                            for point in points
                        ],
                    )
            totals["sessions"] += 1
            totals["positives"] += sum(point.label for point in points)
            totals["negatives"] += sum(not point.label for point in points)
            if on_session is not None:
                on_session(session_id, len(points))
        return totals
    finally:
        engine.dispose()


def _anonymized_sessions(engine: Engine, db_path: Path) -> list[tuple[int, str]]:
    with engine.connect() as connection:
        rows = connection.execute(select(Session.id, Session.uid, Session.state).order_by(Session.id)).all()
    require_anonymized(rows, str(db_path), stage="only a clean store written by it is annotated")
    return [(row.id, row.uid) for row in rows]


def _timeline(engine: Engine, session_id: int) -> list[TimelineEvent]:
    query = (
        select(Event.t, Event.kind, Event.text, Window.app, Window.title)
        .outerjoin(Window, Event.window_id == Window.id)
        .where(Event.session_id == session_id, Event.kind.in_(("window_focus", "text")))
        .order_by(Event.t, Event.id)
    )
    with engine.connect() as connection:
        # Unpacked by position: `Row.t` is SQLAlchemy's tuple view, not the column named t.
        return [
            TimelineEvent(t=t, kind=kind, app=app or "", title=title or "", text=text)
            for t, kind, text, app, title in connection.execute(query)
        ]
