"""`proagent export`: a clean store -> a corpus directory, streamed, verified for residual PII, atomic."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from proagentbench import paths
from proagentbench.corpus import (
    CardInfo,
    CorpusStats,
    CorpusWriter,
    Manifest,
    compute_stats,
    new_manifest,
    require_pyarrow,
    write_card,
)
from proagentbench.errors import ProagentError
from proagentbench.export import rows
from proagentbench.export.anonymizer_info import anonymizer_of, combine
from proagentbench.export.images import check_session_uid, copy_image, image_name, source_path
from proagentbench.export.residual_pii import ResidualPIIError, ResidualScanner, scan_corpus
from proagentbench.export.splits import assign_splits, check_split_settings
from proagentbench.export.store_reader import (
    iter_annotations,
    iter_events,
    iter_screenshots,
    load_sessions,
    refuse_unanonymized,
    session_last_event_t,
)
from proagentbench.store import Event, open_store

Progress = Callable[[str, int, int], None]
"""Called with (phase, done, total) as the export advances."""


class EmptyStoreError(ProagentError):
    """A clean store without sessions: there is nothing to export."""


@dataclass(frozen=True)
class ExportOptions:
    split_by: str = "user"
    test_fraction: float = 0.2
    seed: int = 0
    license: str = "cc-by-4.0"
    screenshots_dir: Path | None = None


@dataclass
class ExportResult:
    out: Path
    manifest: Manifest
    stats: CorpusStats
    warnings: list[str] = field(default_factory=list)


def export_corpus(
    db: Path,
    out: Path,
    options: ExportOptions,
    *,
    scanner: ResidualScanner,
    progress: Progress | None = None,
) -> ExportResult:
    require_pyarrow()
    check_split_settings(options.split_by, options.test_fraction)
    writer = CorpusWriter(out)  # refuses an existing non-empty --out before any work
    engine = open_store(db, read_only=True)
    try:
        return _export(engine, db, writer, options, scanner, progress or _no_progress)
    finally:
        engine.dispose()


def _no_progress(phase: str, done: int, total: int) -> None:
    del phase, done, total


def _export(
    engine: Engine,
    db: Path,
    writer: CorpusWriter,
    options: ExportOptions,
    scanner: ResidualScanner,
    progress: Progress,
) -> ExportResult:
    sessions = load_sessions(engine)
    if not sessions:
        raise EmptyStoreError(f"{db}: the store has no sessions to export")
    refuse_unanonymized(sessions, str(db))
    for session in sessions:
        check_session_uid(session.uid)
    group_of = {s.uid: (s.user if options.split_by == "user" else s.uid) for s in sessions}
    splits = assign_splits(group_of.values(), test_fraction=options.test_fraction, seed=options.seed)
    screenshots_dir = options.screenshots_dir or paths.screenshots_dir(db)
    warnings: list[str] = []
    anonymizer = {s.uid: anonymizer_of(s.settings) for s in sessions}
    unknown = sorted(uid for uid, info in anonymizer.items() if info["version"] is None)
    if unknown:
        warnings.append(
            f"{len(unknown)} session(s) carry no anonymizer version in their settings (e.g. {unknown[0]})"
        )
    with engine.connect() as connection:
        total_events = int(connection.execute(select(func.count()).select_from(Event)).scalar_one())
    with writer:
        session_writer = _SessionWriter(writer, screenshots_dir, progress, total_events)
        for session in sessions:
            with engine.connect() as connection:
                session_writer.write(connection, session, splits[group_of[session.uid]])
        writer.close_tables()
        progress("statistics", 0, 1)
        stats = compute_stats(writer.staging)
        write_card(writer, _card_info(options), stats)
        progress("residual PII check", 0, 1)
        findings, total = scan_corpus(writer.staging, scanner)
        if total:
            raise ResidualPIIError(findings, total, writer.root)
        manifest = new_manifest(
            source="export",
            split_by=options.split_by,
            seed=options.seed,
            test_fraction=options.test_fraction,
            splits=stats.split_counts(),
            anonymizer=combine(anonymizer),
        )
        manifest = writer.finish(manifest)
    return ExportResult(out=writer.root, manifest=manifest, stats=stats, warnings=warnings)


@dataclass
class _SessionWriter:
    """Writes one session's rows and images; counts events across sessions for the progress bar."""

    writer: CorpusWriter
    screenshots_dir: Path
    progress: Progress
    total_events: int
    done_events: int = 0

    def write(self, connection: Connection, session: Any, split: str) -> None:
        n_events = self._events(connection, session.uid, session.id, split)
        n_screenshots = self._screenshots(connection, session.uid, session.id, split)
        self._annotations(connection, session, split)
        ended = session.ended_at
        end = ended if ended is not None else session_last_event_t(connection, session.id)
        self.writer.add_row(
            "sessions",
            split,
            {
                "session_uid": session.uid,
                "user": session.user,
                "split": split,
                "source": "recorder",
                "started_at_us": session.started_at,
                "ended_at_us": ended,
                "duration_s": max(0, (end or session.started_at) - session.started_at) / 1e6,
                "n_events": n_events,
                "n_screenshots": n_screenshots,
            },
        )

    def _events(self, connection: Connection, uid: str, session_id: int, split: str) -> int:
        count = 0
        for event in iter_events(connection, session_id):
            self.writer.add_row("events", split, rows.event_row(event, uid, split))
            count += 1
            if count % 5_000 == 0:
                self.progress("events", self.done_events + count, self.total_events)
        self.done_events += count
        self.progress("events", self.done_events, self.total_events)
        return count

    def _screenshots(self, connection: Connection, uid: str, session_id: int, split: str) -> int:
        count = 0
        for index, shot in enumerate(iter_screenshots(connection, session_id)):
            target = image_name(uid, index, shot.format, shot.path)
            copy_image(self.writer, source_path(self.screenshots_dir, shot.path), target, shot.sha256)
            self.writer.add_row("screenshots", split, rows.screenshot_row(shot, uid, target, split))
            count += 1
        return count

    def _annotations(self, connection: Connection, session: Any, split: str) -> None:
        uid, user = session.uid, session.user
        for annotation, is_last_at_t in _with_last_flag(iter_annotations(connection, session.id)):
            self.writer.add_row("annotations", split, rows.annotation_row(annotation, uid, split))
            if is_last_at_t:  # one decision point per (session, t): the latest annotation of that moment wins
                self.writer.add_row("timing", split, rows.timing_row(annotation, uid, user, split))
                content = rows.content_row(annotation, uid, user, split)
                if content is not None:
                    self.writer.add_row("content", split, content)


def _with_last_flag(items: Iterator[Any]) -> Iterator[tuple[Any, bool]]:
    """Pairs each row with whether it is the last of its run of equal `t_us` (rows arrive ordered by t)."""
    previous = None
    for item in items:
        if previous is not None:
            yield previous, previous.t_us != item.t_us
        previous = item
    if previous is not None:
        yield previous, True


def _card_info(options: ExportOptions) -> CardInfo:
    side = "user" if options.split_by == "user" else "session"
    return CardInfo(
        title="ProAgentBench corpus",
        license=options.license,
        summary=(
            "Real desktop work recorded with proagentbench, anonymized (text scrubbed, screenshots redacted) "
            "and labelled with the moments where a proactive assistant should have offered help. Two tasks: "
            "*timing* (should help be offered now?) and *content* (which intent, what assistance?)."
        ),
        provenance=[
            "recorded with the proagentbench recorder; only sessions marked anonymized by its anonymizer "
            "are exported",
            "typed characters appear only as scrubbed `text` events; key names only for non-character keys",
            "every text cell, this card and every image passed a residual-PII check before publication",
            "anonymizer version and policy: see `anonymizer` in `manifest.json`",
        ],
        split_note=(
            f"Split by {side} with a seeded hash (seed {options.seed}, "
            f"test fraction {options.test_fraction}): the same {side} never appears in both "
            "`train` and `test`."
        ),
    )
