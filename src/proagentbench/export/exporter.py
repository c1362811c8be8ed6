"""`proagent export`: a clean store -> a corpus directory, streamed, verified for residual PII, atomic."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Row, func, select

from proagentbench import paths
from proagentbench.corpus import (
    CorpusWriter,
    WrittenCorpus,
    describe,
    new_manifest,
    require_pyarrow,
)
from proagentbench.corpus.splits import assign_splits, check_split_settings
from proagentbench.errors import ExitCode, ProagentError
from proagentbench.export.card import export_card_info
from proagentbench.export.images import check_session_uid
from proagentbench.export.provenance import anonymizer_of, combine, provenance
from proagentbench.export.residual_pii import ResidualPIIError, ResidualScanner, scan_corpus
from proagentbench.export.session_writer import SessionWriter
from proagentbench.export.store_reader import read_store_sessions
from proagentbench.progress import SILENT, Progress
from proagentbench.store import Event, open_store, require_anonymized


class EmptyStoreError(ProagentError):
    """A clean store without sessions: there is nothing to export."""

    exit_code = ExitCode.BAD_INPUT


@dataclass(frozen=True)
class ExportOptions:
    split_by: str = "user"
    test_fraction: float = 0.2
    seed: int = 0
    license: str = "cc-by-4.0"
    screenshots_dir: Path | None = None
    language: tuple[str, ...] = ("en",)  # of the recorded text, as the card's `language` declares it


@dataclass
class ExportResult(WrittenCorpus):
    warnings: list[str] = field(default_factory=list)


def export_corpus(
    db: Path,
    out: Path,
    options: ExportOptions,
    *,
    scanner: ResidualScanner,
    progress: Progress = SILENT,
) -> ExportResult:
    """Export every session of a clean store; refuses a store with any session that is not anonymized.

    Progress is reported in three phases: events, statistics and the residual PII check.
    """
    require_pyarrow()
    check_split_settings(options.split_by, options.test_fraction)
    writer = CorpusWriter(out)  # refuses an existing non-empty --out before any work
    engine = open_store(db, read_only=True)
    try:
        return _export(engine, db, writer, options, scanner, progress)
    finally:
        engine.dispose()


def _export(
    engine: Engine,
    db: Path,
    writer: CorpusWriter,
    options: ExportOptions,
    scanner: ResidualScanner,
    progress: Progress,
) -> ExportResult:
    sessions = _checked_sessions(engine, db)
    group_of = {s.uid: (s.user if options.split_by == "user" else s.uid) for s in sessions}
    splits = assign_splits(group_of.values(), test_fraction=options.test_fraction, seed=options.seed)
    anonymizer = {s.uid: anonymizer_of(s.settings) for s in sessions}
    with engine.connect() as connection:
        total_events = int(connection.execute(select(func.count()).select_from(Event)).scalar_one())
    with writer:
        session_writer = SessionWriter(
            writer,
            options.screenshots_dir or paths.screenshots_dir(db),
            progress.task("events", total_events),
        )
        for session in sessions:
            with engine.connect() as connection:
                session_writer.write(connection, session, splits[group_of[session.uid]])
        done = progress.task("statistics", 1)
        card = export_card_info(
            license=options.license,
            language=list(options.language),
            split_note=_split_note(options),
            settings={s.uid: s.settings for s in sessions},
            anonymizer=combine(anonymizer),
            sources=session_writer.sources,
        )
        stats = describe(writer, card)
        done(1)
        done = progress.task("residual PII check", 1)
        findings, total = scan_corpus(writer.staging, scanner)
        if total:
            raise ResidualPIIError(findings, total, writer.root)
        done(1)
        manifest = new_manifest(
            source="export",
            split_by=options.split_by,
            seed=options.seed,
            test_fraction=options.test_fraction,
            splits=stats.split_counts(),
            anonymizer=combine(anonymizer),
            provenance=provenance({s.uid: s.settings for s in sessions}, session_writer.sources),
            privacy=session_writer.privacy.to_json(),
        )
        manifest = writer.finish(manifest)
    return ExportResult(out=writer.root, manifest=manifest, stats=stats, warnings=_warnings(anonymizer))


def _checked_sessions(engine: Engine, db: Path) -> list[Row[Any]]:
    """The store's sessions, once it is known that there are some, all anonymized, with usable uids."""
    sessions = read_store_sessions(engine)
    if not sessions:
        raise EmptyStoreError(f"{db}: the store has no sessions to export")
    require_anonymized(
        sessions,
        str(db),
        stage="export only reads clean stores, and exports nothing while any session is raw",
    )
    for session in sessions:
        check_session_uid(session.uid)
    return sessions


def _warnings(anonymizer: dict[str, dict[str, Any]]) -> list[str]:
    unknown = sorted(uid for uid, info in anonymizer.items() if info["version"] is None)
    if not unknown:
        return []
    return [f"{len(unknown)} session(s) carry no anonymizer version in their settings (e.g. {unknown[0]})"]


def _split_note(options: ExportOptions) -> str:
    side = "user" if options.split_by == "user" else "session"
    return (
        f"Split by {side} with a seeded hash (seed {options.seed}, "
        f"test fraction {options.test_fraction}): the same {side} never appears in both "
        "`train` and `test`."
    )
