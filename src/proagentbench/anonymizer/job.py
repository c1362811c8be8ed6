"""One session's anonymization as a self-contained job: paths and a policy in, clean rows out.

The job reads the raw store read-only and writes redacted frames into its own staging folder; it never
touches the clean store, so any executor (this process, a process pool, a cluster) can run it, and the caller
commits its rows in one transaction. Frames are processed in chunks of consecutive frames (incremental OCR
needs the previous frame), each chunk a picklable task mapped by the given executor.
"""

import json
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from proagentbench import paths
from proagentbench.anonymizer.context import ScrubSetup, analyzer_spec, make_scrubber
from proagentbench.anonymizer.entities import HOSTNAME, USERNAME
from proagentbench.anonymizer.events import clean_event, scrub_json
from proagentbench.anonymizer.identity import Identity
from proagentbench.anonymizer.image.frame import (
    ChunkResult,
    FrameChunk,
    FrameTask,
    Rect,
    counting_frames,
    run_frame_chunk,
)
from proagentbench.anonymizer.pseudonym import key_fingerprint
from proagentbench.anonymizer.text import TextScrubber
from proagentbench.anonymizer.version import ANONYMIZER_VERSION
from proagentbench.store import EXCLUDED_TITLE, Event, Screenshot, Session, Window, open_store

ChunkMapper = Callable[[Callable[[FrameChunk], ChunkResult], list[FrameChunk]], Iterable[ChunkResult]]


@dataclass(frozen=True)
class SessionJob:
    raw_db: Path
    session_id: int
    staging_dir: Path  # this session's own folder; emptied first
    setup: ScrubSetup
    chunk_frames: int = 40
    ocr_temp_dir: Path | None = None  # the run's private folder for OCR's temp files, passed to every chunk


@dataclass
class SessionOutput:
    uid: str
    session: dict[str, Any]
    windows: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    screenshots: list[dict[str, Any]] = field(default_factory=list)  # `path` relative to staging_dir
    stats: dict[str, Any] = field(default_factory=dict)


def anonymizer_settings(setup: ScrubSetup) -> dict[str, Any]:
    """What made this clean session: the anonymizer's version, its policy, its pseudonym key's fingerprint,
    NLP engine and recognizer specs (never the identity terms, which are personal data)."""
    spec = analyzer_spec(setup)
    return {
        "version": ANONYMIZER_VERSION,
        "policy": setup.policy.to_json(),
        "pseudonym_key": key_fingerprint(setup.key),  # which key: a fingerprint, never the key
        # A pipeline's folder name only: its full path may hold the user's home directory.
        "nlp": {"engine": spec.nlp.engine, "model": Path(spec.nlp.model).name},
        "recognizers": [recognizer.to_json() for recognizer in spec.recognizers],
    }


def run_session_job(
    job: SessionJob, map_chunks: ChunkMapper = map, on_frames: Callable[[int], None] | None = None
) -> SessionOutput:
    engine = open_store(job.raw_db, read_only=True)
    try:
        with engine.connect() as connection:
            session = connection.execute(select(Session).where(Session.id == job.session_id)).mappings().one()
            setup = replace(job.setup, session_identity=Identity((session["user"],), (session["host"],)))
            scrubber = make_scrubber(setup)
            output = SessionOutput(uid=session["uid"], session=_clean_session(dict(session), scrubber, setup))
            found: list[str] = []
            title_values: dict[int, tuple[str, ...]] = {}
            windows = {
                row["id"]: dict(row)
                for row in connection.execute(
                    select(Window).where(Window.session_id == job.session_id).order_by(Window.id)
                ).mappings()
            }
            output.windows = [_clean_window(dict(w), scrubber, found, title_values) for w in windows.values()]
            events = connection.execute(
                select(Event)
                .where(Event.session_id == job.session_id)
                .order_by(Event.id)
                .execution_options(yield_per=5000)
            ).mappings()
            output.events = [clean_event(dict(row), scrubber, found) for row in events]
            shots = [
                dict(row)
                for row in connection.execute(
                    select(Screenshot)
                    .where(Screenshot.session_id == job.session_id)
                    .order_by(Screenshot.t, Screenshot.id)
                ).mappings()
            ]
    finally:
        engine.dispose()
    # The cleaned windows: they carry `excluded` as the policy decided (excluded_apps), not only the recorder.
    clean_windows = {window["id"]: window for window in output.windows}
    output.screenshots, output.stats = _redact_frames(
        job, setup, clean_windows, shots, (found, title_values), map_chunks, on_frames
    )
    return output


def _clean_session(row: dict[str, Any], scrubber: TextScrubber, setup: ScrubSetup) -> dict[str, Any]:
    pseudonymizer = scrubber.pseudonymizer
    row["user"] = pseudonymizer.placeholder(USERNAME, row["user"])
    row["host"] = pseudonymizer.placeholder(HOSTNAME, row["host"])
    scrubbed_text = scrub_json(row["settings"] or "{}", scrubber) or "{}"
    try:
        recorder_settings: Any = json.loads(scrubbed_text)
    except ValueError:
        recorder_settings = scrubbed_text
    row["settings"] = json.dumps(
        {"recorder": recorder_settings, "anonymizer": anonymizer_settings(setup)}, sort_keys=True
    )
    return row


def _clean_window(
    row: dict[str, Any], scrubber: TextScrubber, found: list[str], title_values: dict[int, tuple[str, ...]]
) -> dict[str, Any]:
    excluded_apps = {app.lower() for app in scrubber.policy.excluded_apps}
    if row["excluded"] or (row["app"] or "").lower() in excluded_apps:
        row["excluded"], row["title"] = True, EXCLUDED_TITLE
    else:
        result = scrubber.scrub(row["title"] or "")
        values = tuple(row["title"][s.start : s.end] for s in result.spans)
        found.extend(values)
        title_values[row["id"]] = values
        row["title"] = result.text
    row["app"] = scrubber.scrub(row["app"] or "").text
    return row


def _excluded_rects(shot: dict[str, Any], window: dict[str, Any] | None) -> tuple[Rect, ...]:
    if window is None or not window["excluded"]:
        return ()
    if None in (window["x"], window["y"], window["width"], window["height"]):
        return ((0, 0, shot["width"] or 10**6, shot["height"] or 10**6),)  # geometry unknown: the whole frame
    left, top = window["x"] - shot["left"], window["y"] - shot["top"]
    return ((left, top, left + window["width"], top + window["height"]),)


def _redact_frames(
    job: SessionJob,
    setup: ScrubSetup,
    windows: dict[int, dict[str, Any]],
    shots: list[dict[str, Any]],
    found_values: tuple[list[str], dict[int, tuple[str, ...]]],
    map_chunks: ChunkMapper,
    on_frames: Callable[[int], None] | None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    if job.staging_dir.exists():
        shutil.rmtree(job.staging_dir)
    paths.make_private_dir(job.staging_dir)
    raw_shots = paths.screenshots_dir(job.raw_db)
    found, title_values = found_values
    tasks = [
        FrameTask(
            shot["id"],
            raw_shots / shot["path"],
            job.staging_dir / f"{shot['id']:08d}{Path(shot['path']).suffix or '.png'}",
            _excluded_rects(shot, windows.get(shot["window_id"] or -1)),
            shot["sha256"] or None,
            title_values.get(shot["window_id"] or -1, ()),
        )
        for shot in shots
    ]
    identity = setup.identity()
    known = tuple(
        dict.fromkeys(
            [
                *found,
                *identity.user_names,
                *identity.host_names,
                *identity.person_names,
                *identity.emails,
                *identity.extra_terms,
            ]
        )
    )
    chunks = [
        FrameChunk(setup, known, tuple(tasks[i : i + job.chunk_frames]), job.ocr_temp_dir)
        for i in range(0, len(tasks), job.chunk_frames)
    ]
    by_id = {shot["id"]: shot for shot in shots}
    rows: list[dict[str, Any]] = []
    stats: dict[str, Any] = {"frames": 0, "full_ocr": 0, "incremental_ocr": 0, "cached": 0, "entities": {}}
    counting: AbstractContextManager[None] = counting_frames(on_frames) if on_frames else nullcontext()
    with counting:
        _collect(_results(map_chunks, chunks), by_id, rows, stats, on_frames)
    return rows, stats


def _collect(
    results: Iterator[ChunkResult],
    by_id: dict[int, dict[str, Any]],
    rows: list[dict[str, Any]],
    stats: dict[str, Any],
    on_frames: Callable[[int], None] | None,
) -> None:
    for result in results:
        for frame in result.frames:
            shot = dict(by_id[frame.raw_id])
            shot.update(
                path=frame.target.name,
                width=frame.width,
                height=frame.height,
                bytes=frame.bytes,
                sha256=frame.sha256,
                format=frame.target.suffix.lstrip("."),
            )
            rows.append(shot)
            for entity, count in frame.entities.items():
                stats["entities"][entity] = stats["entities"].get(entity, 0) + count
        stats["frames"] += len(result.frames)
        stats["full_ocr"] += result.stats.full
        stats["incremental_ocr"] += result.stats.incremental
        stats["cached"] += result.stats.cached
        if on_frames is not None and len(result.frames) > result.counted:
            on_frames(len(result.frames) - result.counted)


def _results(map_chunks: ChunkMapper, chunks: list[FrameChunk]) -> Iterator[ChunkResult]:
    yield from map_chunks(run_frame_chunk, chunks)
