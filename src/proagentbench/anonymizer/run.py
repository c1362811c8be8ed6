"""`anonymize_store`: every finished session of a raw store into a clean store, resumable and parallel.

A session's frames are written to a staging folder by its job, moved into place, and only then are its rows
committed in one transaction; a session whose uid is already in the clean store is skipped. An interruption
therefore leaves either a complete session or none (a leftover folder is replaced on the next run).
"""

import shutil
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select

from proagentbench import paths
from proagentbench.anonymizer.context import ScrubSetup
from proagentbench.anonymizer.job import SessionJob, SessionOutput, run_session_job
from proagentbench.anonymizer.keybinding import bind_key
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.pseudonym import key_path, load_or_create_key
from proagentbench.anonymizer.tempdir import ocr_temp_dir
from proagentbench.errors import ProagentError, is_disk_full
from proagentbench.executors import build_executor, default_executor_spec
from proagentbench.plugins import Spec
from proagentbench.progress import SILENT, Progress
from proagentbench.store import (
    SESSION_STATE_ANONYMIZED,
    Event,
    Screenshot,
    Session,
    Window,
    db_error_reason,
    open_store,
)
from proagentbench.store.roles import ROLE_CLEAN, ROLE_RAW, claim_role, require_role

STAGING_DIR = ".staging"
RAW_USE = "--db takes the raw store the recorder wrote"
CLEAN_USE = "--out takes a new or clean store, never the raw store or a copy of it"
MIN_CHUNK = 8
MAX_CHUNK = 150


class RemoteRawError(ProagentError):
    """An executor that may run on other machines, without the user's consent to send raw data there."""


@dataclass
class SessionFailure:
    uid: str
    error: str


@dataclass
class AnonymizeReport:
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the clean store
    unfinished: list[str] = field(default_factory=list)  # still recording
    failed: list[SessionFailure] = field(default_factory=list)
    stats: dict[str, dict[str, Any]] = field(default_factory=dict)


def anonymize_store(
    raw_db: Path,
    clean_db: Path,
    policy: Policy,
    *,
    workers: int = 1,
    executor: Spec | None = None,
    allow_remote_raw: bool = False,
    progress: Progress | None = None,
) -> AnonymizeReport:
    """``executor`` runs the frame chunks (default: inline for one worker, else a process pool). One whose
    workers may be on other machines (its ``remote`` is true) is refused unless ``allow_remote_raw``: raw
    frames, their text and the pseudonym key would cross the network."""
    progress = progress or SILENT
    raw_db, clean_db = raw_db.expanduser(), clean_db.expanduser()
    if raw_db.resolve() == clean_db.resolve():
        raise ProagentError("the clean store must be a different file from the raw store")
    frame_executor = build_executor(executor or default_executor_spec(workers))
    if getattr(frame_executor, "remote", False) and not allow_remote_raw:
        raise RemoteRawError(
            f"executor {(executor.name if executor else '')!r} may run on other machines: raw screenshots, "
            "typed text and the pseudonym key would cross the network; pass --allow-remote-raw to accept that"
        )
    raw = open_store(raw_db, read_only=True)
    try:
        # Everything that can refuse is checked before the clean store is created, so a refusal leaves none.
        require_role(raw, ROLE_RAW, str(raw_db), use=RAW_USE)
        key = load_or_create_key(key_path(raw_db))
        clean = open_store(clean_db, create=True)
    except BaseException:
        raw.dispose()
        raise
    report = AnonymizeReport()
    try:
        claim_role(clean, ROLE_CLEAN, str(clean_db), use=CLEAN_USE)
        bind_key(clean, key, str(clean_db), key_path(raw_db))
        pending = _pending_sessions(raw, clean, report)
        frames = _frame_counts(raw, [session_id for session_id, _ in pending])
        sessions_done = progress.task("sessions", len(pending))
        frames_done = progress.task("frames", sum(frames.values()))
        clean_shots = paths.screenshots_dir(clean_db)
        paths.make_private_dir(clean_shots)
        setup = ScrubSetup(policy, key)
        parallel = max(1, min(workers, 2))
        # OCR's temp files go to a private folder, named in every chunk for the workers. The executor starts
        # first, so that a local cluster's own files are not made inside that folder; it is also left before
        # the session threads are joined, so that an interrupt stops its workers rather than waiting for them.
        sessions = ThreadPoolExecutor(parallel)
        try:
            with frame_executor as pool, ocr_temp_dir(clean_db) as temp:
                if hasattr(pool, "on_ticks"):
                    pool.on_ticks(frames_done)  # workers' frames, one by one
                try:
                    staging = clean_shots / STAGING_DIR
                    jobs = [
                        SessionJob(raw_db, session_id, staging / uid, setup, ocr_temp_dir=temp)
                        for session_id, uid in pending
                    ]
                    _run_sessions(jobs, sessions, pool.map, parallel, clean, clean_shots, report, progress,
                                  sessions_done, frames_done)  # fmt: skip
                finally:
                    sessions.shutdown(wait=False, cancel_futures=True)
        finally:
            sessions.shutdown(wait=True)
        shutil.rmtree(clean_shots / STAGING_DIR, ignore_errors=True)
    finally:
        raw.dispose()
        clean.dispose()
    return report


def _run_sessions(
    jobs: list[SessionJob],
    sessions: ThreadPoolExecutor,
    mapper: Any,
    parallel: int,
    clean: Engine,
    clean_shots: Path,
    report: AnonymizeReport,
    progress: Progress,
    sessions_done: Callable[[int], None],
    frames_done: Callable[[int], None],
) -> None:
    # At most `parallel` sessions in flight, so finished-but-uncommitted outputs do not pile up.
    in_flight: deque[tuple[SessionJob, Future[SessionOutput]]] = deque()
    queued = iter(jobs)
    try:
        while True:
            while len(in_flight) < parallel and (job := next(queued, None)) is not None:
                in_flight.append((job, sessions.submit(run_session_job, job, mapper, frames_done)))
            if not in_flight:
                break
            job, future = in_flight.popleft()
            _finish(job, future, clean, clean_shots, report, progress)
            sessions_done(1)
    except BaseException:
        for _, pending_future in in_flight:
            pending_future.cancel()  # Ctrl-C: stop after the sessions already running
        raise


def _finish(
    job: SessionJob,
    future: "Future[SessionOutput]",
    clean: Engine,
    clean_shots: Path,
    report: AnonymizeReport,
    progress: Progress,
) -> None:
    uid = job.staging_dir.name
    try:
        output = future.result()
        _commit_session(clean, output, job.staging_dir, clean_shots / uid)
    except Exception as exc:  # noqa: BLE001 - one bad session must not stop the others
        if is_disk_full(exc):
            # ... but a full disk stops them all: the next session would fail the same way. What is committed
            # stays; a rerun resumes from it.
            shutil.rmtree(job.staging_dir, ignore_errors=True)
            raise
        # One line, never an SQL dump: a statement's parameters would carry scrubbed-or-not content.
        message = (
            str(exc) if isinstance(exc, ProagentError) else f"{type(exc).__name__}: {db_error_reason(exc)}"
        )
        report.failed.append(SessionFailure(uid, message))
        progress.note(f"session {uid}: failed: {message}")
        shutil.rmtree(job.staging_dir, ignore_errors=True)
        return
    report.done.append(uid)
    report.stats[uid] = output.stats


def chunk_frames(frames: int, workers: int) -> int:
    """Frames per pool task: enough chunks to keep every worker busy, each long enough that its first,
    full-frame OCR (incremental OCR starts over in each chunk) is amortised."""
    if workers <= 1:
        return max(1, frames)
    return min(MAX_CHUNK, max(MIN_CHUNK, -(-frames // (2 * workers))))


def _pending_sessions(raw: Engine, clean: Engine, report: AnonymizeReport) -> list[tuple[int, str]]:
    with clean.connect() as connection:
        finished = set(connection.execute(select(Session.uid)).scalars())
    pending = []
    with raw.connect() as connection:
        for session_id, uid, ended_at in connection.execute(
            select(Session.id, Session.uid, Session.ended_at).order_by(Session.id)
        ):
            if uid in finished:
                report.skipped.append(uid)
            elif ended_at is None:
                report.unfinished.append(uid)
            else:
                pending.append((session_id, uid))
    return pending


def _frame_counts(raw: Engine, session_ids: list[int]) -> dict[int, int]:
    with raw.connect() as connection:
        rows = connection.execute(
            select(Screenshot.session_id, func.count()).group_by(Screenshot.session_id)
        ).all()
    return {session_id: count for session_id, count in rows if session_id in set(session_ids)}


def _commit_session(clean: Engine, output: SessionOutput, staging: Path, final: Path) -> None:
    if final.exists():
        shutil.rmtree(final)  # left by a run interrupted before its commit
    if staging.exists():
        staging.rename(final)
    try:
        with clean.begin() as connection:
            _insert_rows(connection, output, final.name)
    except Exception:
        shutil.rmtree(final, ignore_errors=True)
        raise


def _insert_rows(connection: Any, output: SessionOutput, folder: str) -> None:
    def next_id(model: Any) -> int:
        return int(connection.execute(select(func.coalesce(func.max(model.id), 0))).scalar_one()) + 1

    session = dict(output.session)
    session["id"] = next_id(Session)
    session["state"] = SESSION_STATE_ANONYMIZED
    connection.execute(insert(Session), [session])
    window_ids = _renumber(output.windows, next_id(Window))
    event_ids = _renumber(output.events, next_id(Event))
    for row in output.windows:
        row["session_id"] = session["id"]
    for row in output.events:
        row["session_id"] = session["id"]
        row["window_id"] = window_ids.get(row["window_id"]) if row["window_id"] is not None else None
    shot_id = next_id(Screenshot)
    for offset, row in enumerate(output.screenshots):
        row["id"] = shot_id + offset
        row["session_id"] = session["id"]
        row["window_id"] = window_ids.get(row["window_id"]) if row["window_id"] is not None else None
        row["event_id"] = event_ids.get(row["event_id"]) if row["event_id"] is not None else None
        row["path"] = f"{folder}/{row['path']}"
    for model, rows in ((Window, output.windows), (Event, output.events), (Screenshot, output.screenshots)):
        for start in range(0, len(rows), 5000):
            if rows[start : start + 5000]:
                connection.execute(insert(model), rows[start : start + 5000])
    del event_ids


def _renumber(rows: list[dict[str, Any]], first: int) -> dict[int, int]:
    mapping = {}
    for offset, row in enumerate(rows):
        mapping[row["id"]] = first + offset
        row["id"] = first + offset
    return mapping
