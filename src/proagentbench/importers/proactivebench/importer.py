"""`proagent import proactivebench`: ProactiveBench files -> a text-only corpus for the timing task.

Every file is read and validated before anything is written (the published files are small and are held in
memory); then the sessions are written, the counts checked against the source, the card and manifest added.
"""

from dataclasses import dataclass, field
from pathlib import Path

from proagentbench.corpus import (
    CorpusWriter,
    WrittenCorpus,
    assign_splits,
    check_split_settings,
    describe,
    new_manifest,
    require_pyarrow,
)
from proagentbench.importers.proactivebench.card import card_info
from proagentbench.importers.proactivebench.errors import ImportCountError, ImportFormatError
from proagentbench.importers.proactivebench.reading import read_event_stream, read_reward_rows
from proagentbench.importers.proactivebench.rows import write_session
from proagentbench.importers.proactivebench.sessions import (
    SOURCE,
    ImportedSession,
    reward_session,
    stream_session,
)
from proagentbench.importers.proactivebench.sources import resolve_sources
from proagentbench.progress import SILENT, Progress


@dataclass(frozen=True)
class ImportOptions:
    """How recordings are split: seeded and hash-based, half of them in test by default, so that agents that
    learn (app-prior, learned) have a train split (1.0 keeps everything in test, as published)."""

    test_fraction: float = 0.5
    seed: int = 0


@dataclass
class ImportResult(WrittenCorpus):
    source_points: int
    source_positives: int
    adjusted_steps: int
    files: list[Path] = field(default_factory=list)


def import_proactivebench(
    source: Path,
    out: Path,
    options: ImportOptions | None = None,
    *,
    progress: Progress = SILENT,
) -> ImportResult:
    options = options or ImportOptions()
    require_pyarrow()
    check_split_settings("user", options.test_fraction)
    reward_files, stream_files = resolve_sources(source)
    if not reward_files and not stream_files:
        raise ImportFormatError(f"{source}: no ProactiveBench .jsonl or .json files found")
    writer = CorpusWriter(out)
    sessions, adjusted = _read_sessions(reward_files, stream_files)
    splits = assign_splits((s.user for s in sessions), test_fraction=options.test_fraction, seed=options.seed)
    source_points = sum(len(s.points) for s in sessions)
    source_positives = sum(point.label for s in sessions for point in s.points)
    with writer:
        advance = progress.task("sessions", len(sessions))
        for session in sessions:
            write_session(writer, session, splits[session.user])
            advance(1)
        stats = describe(writer, card_info(options.test_fraction, options.seed))
        if (stats.decision_points, stats.positives) != (source_points, source_positives):
            raise ImportCountError(
                f"import wrote {stats.decision_points} points ({stats.positives} positive) "
                f"but the source has {source_points} ({source_positives} positive)"
            )
        manifest = writer.finish(
            new_manifest(
                source=f"import:{SOURCE}",
                split_by="user",
                seed=options.seed,
                test_fraction=options.test_fraction,
                splits=stats.split_counts(),
                anonymizer=None,
            )
        )
    return ImportResult(
        out=writer.root,
        manifest=manifest,
        stats=stats,
        source_points=source_points,
        source_positives=source_positives,
        adjusted_steps=adjusted,
        files=[*reward_files, *stream_files],
    )


def _read_sessions(reward_files: list[Path], stream_files: list[Path]) -> tuple[list[ImportedSession], int]:
    """Every session of the source files, read and validated, and the number of adjusted clock steps."""
    sessions: list[ImportedSession] = []
    adjusted = 0
    for path in reward_files:
        for row in read_reward_rows(path):
            session, steps = reward_session(len(sessions), row)
            sessions.append(session)
            adjusted += steps
    for path in stream_files:
        session, steps = stream_session(read_event_stream(path))
        sessions.append(session)
        adjusted += steps
    return sessions, adjusted
