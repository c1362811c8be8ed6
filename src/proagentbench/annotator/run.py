"""`annotate_store`: label every anonymized session of a clean store with one annotator.

Each session's timeline is read and labelled by a worker of an executor (a session is the unit of work) and
written by this process in a transaction that first deletes that annotator's earlier labels (same `source`),
so a rerun replaces them and an interruption leaves every session either with its old labels or with its new
ones. Every row records the annotator's spec for rebuilding it. A model-backed annotator whose budget runs out
(`BudgetExhausted`) ends the run cleanly: the sessions labelled so far are written, the rest keep their old
labels, and the totals say how many are left.
"""

import json
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select

from proagentbench import paths
from proagentbench.annotator.base import (
    Annotator,
    Frame,
    FrameAnnotator,
    LabelledPoint,
    PointCounting,
    TimelineEvent,
)
from proagentbench.executors import build_executor
from proagentbench.models.budget import BudgetExhausted
from proagentbench.plugins import PluginError, Spec, build
from proagentbench.progress import SILENT, Progress
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
from proagentbench.timeutil import now_us

DEFAULT_ANNOTATOR = Spec("heuristic")
# Sessions (or points) written per transaction: few commits on a fleet's store, little lost to a crash.
BATCH_SESSIONS = 32
BATCH_POINTS = 5000
# Executors whose workers share this process's annotator object (its budget and its progress callback).
SHARED_EXECUTORS = ("inline", "thread")


def build_annotator(spec: Spec) -> Annotator:
    annotator = build("annotators", spec)
    if not isinstance(annotator, Annotator):
        raise PluginError(
            f"annotator {spec.name!r} is not an annotator "
            "(it needs source, spec and label(timeline, session_key=...))"
        )
    return annotator


def annotate_store(
    db_path: Path,
    annotator: Annotator | Spec = DEFAULT_ANNOTATOR,
    *,
    executor: Spec | None = None,
    progress: Progress = SILENT,
) -> dict[str, int]:
    """Label every anonymized session of a clean store; returns totals of sessions, positives and negatives.

    Each session is a unit of work for ``executor`` (default: inline): its worker reads the timeline from the
    clean store, read-only, and returns the points; only this process writes them, a batch of sessions per
    transaction. Raw sessions are refused before anything is written: only anonymized data is ever labelled
    (and, with a model-backed annotator, sent to a model). The totals count privacy flags apart from the
    decision points; when a budget stopped the run they hold ``sessions_left``."""
    if isinstance(annotator, Spec):
        annotator = build_annotator(annotator)
    executor = executor or Spec("inline")
    pool = build_executor(executor)
    engine = open_store(db_path)
    try:
        sessions = _anonymized_sessions(engine, db_path)
        if isinstance(annotator, PointCounting) and executor.name in SHARED_EXECUTORS:
            total = sum(annotator.count_points(_timeline(engine, session_id)) for session_id, _ in sessions)
            annotator.watch_points(progress.task("decision points", total))
        advance = progress.task("sessions", len(sessions))
        totals = {"sessions": 0, "positives": 0, "negatives": 0}
        batch: list[tuple[int, list[LabelledPoint]]] = []
        failed = flags = 0
        with pool:
            labelled = pool.map(partial(label_stored_session, db_path, annotator), sessions)
            try:
                for (session_id, _), (points, session_failed) in zip(sessions, labelled, strict=True):
                    batch.append((session_id, points))
                    failed += session_failed
                    moments = [point for point in points if point.kind != PRIVACY_KIND]
                    flags += len(points) - len(moments)
                    totals["sessions"] += 1
                    totals["positives"] += sum(point.label for point in moments)
                    totals["negatives"] += sum(not point.label for point in moments)
                    if len(batch) >= BATCH_SESSIONS or sum(len(p) for _, p in batch) >= BATCH_POINTS:
                        _write(engine, annotator, batch, advance)
            except BudgetExhausted:
                totals["sessions_left"] = len(sessions) - totals["sessions"]
            _write(engine, annotator, batch, advance)
        if isinstance(getattr(annotator, "failed", None), int):
            totals["failed"] = failed  # moments a model could not label: left out, never guessed
            totals["privacy_flags"] = flags
        return totals
    finally:
        engine.dispose()


def label_stored_session(
    db_path: Path, annotator: Annotator, session: tuple[int, str]
) -> tuple[list[LabelledPoint], int]:
    """One unit of work, in any worker: a session's timeline (and, for a frame annotator, its redacted
    frames) from the clean store, read-only, labelled; with the moments the annotator could not label (a
    model's `failed` count, which stays in the worker's copy of the annotator)."""
    session_id, uid = session
    engine = open_store(db_path, read_only=True)
    try:
        timeline = _timeline(engine, session_id)
        frames = (
            _frames(engine, session_id, paths.screenshots_dir(db_path))
            if isinstance(annotator, FrameAnnotator)
            else None
        )
    finally:
        engine.dispose()
    failed_before = _failed(annotator)
    if isinstance(annotator, FrameAnnotator) and frames is not None:
        points = annotator.label_with_frames(timeline, frames, session_key=uid)
    else:
        points = annotator.label(timeline, session_key=uid)
    return points, _failed(annotator) - failed_before


def _failed(annotator: Annotator) -> int:
    failed = getattr(annotator, "failed", 0)
    return failed if isinstance(failed, int) else 0


def _write(
    engine: Engine,
    annotator: Annotator,
    batch: list[tuple[int, list[LabelledPoint]]],
    advance: Callable[[int], None],
) -> None:
    """One transaction for the batch: each session's earlier labels of this source replaced by the new."""
    if not batch:
        return
    spec = annotator.spec.to_json()
    created = now_us()
    with engine.begin() as connection:
        for session_id, points in batch:
            connection.execute(
                delete(Annotation).where(
                    Annotation.session_id == session_id, Annotation.source == annotator.source
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
                            "source": annotator.source,
                            "confidence": point.confidence,
                            "data": json.dumps(
                                {**(point.details or {}), "app": point.app, "annotator": spec},
                                sort_keys=True,
                            ),
                            "created_at": created,
                        }
                        for point in points
                    ],
                )
    advance(len(batch))
    batch.clear()


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


def _frames(engine: Engine, session_id: int, folder: Path) -> list[Frame]:
    """The session's redacted screenshots; called only once every session is known to be anonymized."""
    query = (
        select(Screenshot.t, Screenshot.path)
        .where(Screenshot.session_id == session_id)
        .order_by(Screenshot.t)
    )
    root = folder.resolve()
    with engine.connect() as connection:
        found = [Frame(t=t, path=(folder / path).resolve()) for t, path in connection.execute(query)]
    return [frame for frame in found if frame.path.is_relative_to(root)]  # never a file outside the store
