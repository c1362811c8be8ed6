"""What the review page shows, read from a clean store: sessions, a session's timeline, frames and labels."""

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Integer, cast, func, select

from proagentbench import paths
from proagentbench.annotator.agreement import DEFAULT_TOLERANCE_S, LabelRow, agreement
from proagentbench.annotator.privacy import flag_status
from proagentbench.store import (
    PRIVACY_KIND,
    Annotation,
    Event,
    Screenshot,
    Session,
    Window,
    open_store,
    require_anonymized,
)

HUMAN = "human"
TEXT_KINDS = ("window_focus", "text")
DENSITY_BUCKETS = 200


def check_clean(engine: Engine, where: str) -> None:
    """Refuse a store holding any session the anonymizer has not processed."""
    with engine.connect() as connection:
        rows = connection.execute(select(Session.uid, Session.state)).all()
    require_anonymized(rows, where, stage="review only shows a clean store")


def sessions(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        counted = dict(
            connection.execute(
                select(Annotation.session_id, func.count()).group_by(Annotation.session_id)
            ).all()
        )
        rows = connection.execute(
            select(Session.id, Session.uid, Session.started_at, Session.ended_at).order_by(Session.id)
        ).all()
    return [
        {"id": sid, "uid": uid, "started_at": start, "ended_at": end, "annotations": counted.get(sid, 0)}
        for sid, uid, start, end in rows
    ]


def session_view(engine: Engine, session_id: int) -> dict[str, Any] | None:
    """Timeline (focus changes, typed text, event density), frames, decision points and privacy flags."""
    with engine.connect() as connection:
        found = connection.execute(
            select(Session.uid, Session.started_at, Session.ended_at).where(Session.id == session_id)
        ).first()
        if found is None:
            return None
        uid, started, ended = found
        timeline = _timeline(connection, session_id)
        end = ended or max([started, *(item["t"] for item in timeline)])
        return {
            "id": session_id,
            "uid": uid,
            "started_at": started,
            "ended_at": end,
            "timeline": timeline,
            "density": _density(connection, session_id, started, end),
            "frames": [
                {"id": fid, "t": t}
                for fid, t in connection.execute(
                    select(Screenshot.id, Screenshot.t)
                    .where(Screenshot.session_id == session_id)
                    .order_by(Screenshot.t)
                )
            ],
            **_labels(connection, session_id),
        }


def _timeline(connection: Connection, session_id: int) -> list[dict[str, Any]]:
    query = (
        select(Event.t, Event.kind, Event.text, Window.app, Window.title)
        .outerjoin(Window, Event.window_id == Window.id)
        .where(Event.session_id == session_id, Event.kind.in_(TEXT_KINDS))
        .order_by(Event.t, Event.id)
    )
    return [
        {"t": t, "kind": kind, "text": text, "app": app or "", "title": title or ""}
        for t, kind, text, app, title in connection.execute(query)
    ]


def _density(connection: Connection, session_id: int, start: int, end: int) -> list[int]:
    """Input events (keys, clicks, scrolls, moves) per bucket of the session's span."""
    span = max(end - start, 1)
    bucket = (Event.t - start) * DENSITY_BUCKETS / span
    counts = [0] * DENSITY_BUCKETS
    index = cast(bucket, Integer)
    query = (
        select(index, func.count())
        .where(Event.session_id == session_id, Event.kind.not_in(TEXT_KINDS))
        .group_by(index)
    )
    for position, count in connection.execute(query):
        counts[min(max(int(position), 0), DENSITY_BUCKETS - 1)] += count
    return counts


def _labels(connection: Connection, session_id: int) -> dict[str, Any]:
    """Decision points (one per moment, with every source's label there) and privacy flags."""
    query = (
        select(
            Annotation.id,
            Annotation.t,
            Annotation.label,
            Annotation.kind,
            Annotation.intent,
            Annotation.content,
            Annotation.source,
            Annotation.confidence,
            Annotation.data,
        )
        .where(Annotation.session_id == session_id)
        .order_by(Annotation.t, Annotation.id)
    )
    points: dict[int, dict[str, Any]] = {}
    flags: dict[int, dict[str, Any]] = {}
    answers: dict[int, bool] = {}
    for aid, t, label, kind, intent, content, source, confidence, raw in connection.execute(query):
        data = data_of(raw)
        if kind == PRIVACY_KIND:
            if source == HUMAN:
                answers[t] = bool(label)
            elif label:
                flags[t] = {"id": aid, "t": t, "end": data.get("end"), "source": source,
                            "reason": data.get("reason", "")}  # fmt: skip
            continue
        point = points.setdefault(t, {"t": t, "app": data.get("app"), "labels": []})
        point["labels"].append(
            {
                "id": aid,
                "source": source,
                "label": bool(label),
                "kind": kind,
                "intent": intent,
                "content": content,
                "confidence": confidence,
                "rationale": data.get("rationale"),
                "action": data.get("action"),
            }  # fmt: skip
        )
    for t, flag in flags.items():
        flag["status"] = flag_status(answers.get(t))
    return {"points": list(points.values()), "privacy": list(flags.values())}


def data_of(raw: str | None) -> dict[str, Any]:
    try:
        value = json.loads(raw) if raw else {}
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def frame_file(engine: Engine, db_path: Path, frame_id: int) -> Path | None:
    """The redacted frame's file, only if it lies inside the clean store's screenshot folder."""
    with engine.connect() as connection:
        found = connection.execute(select(Screenshot.path).where(Screenshot.id == frame_id)).scalar()
    if found is None:
        return None
    root = paths.screenshots_dir(db_path).resolve()
    path = (root / found).resolve()
    return path if path.is_relative_to(root) and path.is_file() else None


def label_rows(engine: Engine) -> list[LabelRow]:
    """Every decision point's label (privacy flags left out), for agreement."""
    query = select(
        Annotation.session_id, Annotation.t, Annotation.source, Annotation.label, Annotation.intent
    ).where(Annotation.kind != PRIVACY_KIND)
    with engine.connect() as connection:
        return [
            LabelRow(session_id=sid, t=t, source=source, label=bool(label), intent=intent)
            for sid, t, source, label, intent in connection.execute(query)
        ]


def store_agreement(db_path: Path, *, tolerance_s: float = DEFAULT_TOLERANCE_S) -> dict[str, Any]:
    """Agreement between every pair of sources that labelled the clean store at ``db_path``."""
    engine = open_store(db_path, read_only=True)
    try:
        check_clean(engine, str(db_path))
        return agreement(label_rows(engine), tolerance_s=tolerance_s)
    finally:
        engine.dispose()
