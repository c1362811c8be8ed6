"""`proagent import proactivebench`: ProactiveBench data -> a text-only corpus for the timing task.

- Reward data (JSONL, `help_needed`): each row is one session and one decision point placed 1 µs after its
  last observation, labelled `help_needed`; its observations are the session's `observation` events (text in
  `text`).
- Event streams (JSON lists): each file is one session; each observation is one event and one decision point
  1 µs after it, labelled `task_status`, with the file's observations up to and including it as context; its
  candidate tasks are kept as the annotation's content (and, for positives with candidates, the content task).

Source order is kept as time order: where the source clock steps backwards (or, in an event stream, repeats),
the step becomes 1 ms, so each point's context is exactly the observations that precede it in the file.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from proagentbench.corpus import (
    CardInfo,
    CorpusStats,
    CorpusWriter,
    Manifest,
    compute_stats,
    new_manifest,
    point_id,
    require_pyarrow,
    write_card,
)
from proagentbench.errors import ProagentError
from proagentbench.export.pb_sources import (
    EventStream,
    ImportFormatError,
    Observation,
    RewardRow,
    read_event_stream,
    read_reward_rows,
    resolve_sources,
)
from proagentbench.export.splits import assign_splits, check_split_settings

SOURCE = "proactivebench"
MIN_STEP_US = 1_000
ATTRIBUTION = (
    "Converted from ProactiveBench, part of thunlp/ProactiveAgent "
    "(https://github.com/thunlp/ProactiveAgent, commit 86383616), "
    '"Proactive Agent: Shifting LLM Agents from Reactive Responses to Active Assistance" '
    "(Lu et al., ICLR 2025), licensed under the Apache License 2.0. Changes: observations became "
    "`observation` events, labels became timing decision points, day-relative times were placed on "
    "2024-06-01 UTC and backward clock steps became 1 ms steps (see proagentbench docs/export.md)."
)


class ImportCountError(ProagentError):
    """The written corpus does not hold exactly the source's decision points (a bug, never ignored)."""


@dataclass(frozen=True)
class ImportOptions:
    test_fraction: float = 1.0
    seed: int = 0


@dataclass
class ImportResult:
    out: Path
    manifest: Manifest
    stats: CorpusStats
    source_points: int
    source_positives: int
    adjusted_steps: int
    files: list[Path] = field(default_factory=list)


@dataclass
class _Session:
    uid: str
    user: str
    observations: list[Observation]
    points: list[tuple[int, bool, list[str] | None]]  # (t_us, label, candidate tasks)
    source: str


def monotone_times(times: list[int], *, strict: bool) -> tuple[list[int], int]:
    """Keep every forward step; a backward step (or with ``strict`` a zero one) becomes 1 ms."""
    if not times:
        return [], 0
    result = [times[0]]
    adjusted = 0
    for previous, current in zip(times, times[1:], strict=False):
        step = current - previous
        if step < 0 or (strict and step == 0):
            step = MIN_STEP_US
            adjusted += 1
        result.append(result[-1] + step)
    return result, adjusted


def _stream_key(observations: list[Observation]) -> str:
    """Reward rows cut from the same recording start with the same observation: they share a group."""
    first = observations[0]
    digest = hashlib.sha256(f"{first.t_us}\x00{first.text}".encode()).hexdigest()[:10]
    return f"pb-stream-{digest}"


def _reward_session(index: int, row: RewardRow) -> tuple[_Session, int]:
    times, adjusted = monotone_times([o.t_us for o in row.observations], strict=False)
    observations = [Observation(t, o.text) for t, o in zip(times, row.observations, strict=True)]
    session = _Session(
        uid=f"pb-reward-{index:04d}",
        user=_stream_key(row.observations),
        observations=observations,
        points=[(times[-1] + 1, row.help_needed, None)],
        source=f"{SOURCE}:reward",
    )
    return session, adjusted


def _stream_session(stream: EventStream) -> tuple[_Session, int]:
    times, adjusted = monotone_times([s.observation.t_us for s in stream.steps], strict=True)
    return (
        _Session(
            uid=f"pb-{stream.name}",
            user=f"pb-{stream.name}",
            observations=[
                Observation(t, s.observation.text) for t, s in zip(times, stream.steps, strict=True)
            ],
            points=[(t + 1, s.task_status, s.candidates) for t, s in zip(times, stream.steps, strict=True)],
            source=f"{SOURCE}:event-stream",
        ),
        adjusted,
    )


def import_proactivebench(
    source: Path,
    out: Path,
    options: ImportOptions | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    options = options or ImportOptions()
    require_pyarrow()
    check_split_settings("user", options.test_fraction)
    reward_files, stream_files = resolve_sources(source)
    if not reward_files and not stream_files:
        raise ImportFormatError(f"{source}: no ProactiveBench .jsonl or .json files found")
    writer = CorpusWriter(out)
    # Read and validate everything (and learn the groups) before writing anything; the source is small.
    sessions: list[_Session] = []
    adjusted = 0
    for path in reward_files:
        for row in read_reward_rows(path):
            session, steps = _reward_session(len(sessions), row)
            sessions.append(session)
            adjusted += steps
    for path in stream_files:
        session, steps = _stream_session(read_event_stream(path))
        sessions.append(session)
        adjusted += steps
    splits = assign_splits((s.user for s in sessions), test_fraction=options.test_fraction, seed=options.seed)
    source_points = sum(len(s.points) for s in sessions)
    source_positives = sum(label for s in sessions for _, label, _ in s.points)
    with writer:
        for session in sessions:
            _write_session(writer, session, splits[session.user])
            if progress is not None:
                progress(1)
        writer.close_tables()
        stats = compute_stats(writer.staging)
        if (stats.decision_points, stats.positives) != (source_points, source_positives):
            raise ImportCountError(
                f"import wrote {stats.decision_points} points ({stats.positives} positive) "
                f"but the source has {source_points} ({source_positives} positive)"
            )
        write_card(writer, _card_info(options), stats)
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


def _write_session(writer: CorpusWriter, session: _Session, split: str) -> None:
    for observation in session.observations:
        writer.add_row(
            "events",
            split,
            {
                "session_uid": session.uid,
                "t_us": observation.t_us,
                "kind": "observation",
                "app": None,
                "title": None,
                "key": None,
                "button": None,
                "x": None,
                "y": None,
                "dx": None,
                "dy": None,
                "text": observation.text,
                "split": split,
            },
        )
    for t_us, label, candidates in session.points:
        kind = "positive" if label else "negative"
        reference = "\n".join(candidates) if candidates else None
        writer.add_row(
            "annotations",
            split,
            {
                "session_uid": session.uid,
                "t_us": t_us,
                "label": label,
                "kind": kind,
                "intent": None,
                "content": reference,
                "source": session.source,
                "confidence": None,
                "split": split,
            },
        )
        common = {"point_id": point_id(session.uid, t_us), "session_uid": session.uid, "user": session.user}
        writer.add_row(
            "timing", split, {**common, "t_us": t_us, "label": label, "kind": kind, "split": split}
        )
        if label and reference:
            writer.add_row(
                "content",
                split,
                {**common, "t_us": t_us, "intent": None, "content": reference, "split": split},
            )
    started = session.observations[0].t_us
    ended = session.points[-1][0]
    writer.add_row(
        "sessions",
        split,
        {
            "session_uid": session.uid,
            "user": session.user,
            "split": split,
            "source": SOURCE,
            "started_at_us": started,
            "ended_at_us": ended,
            "duration_s": (ended - started) / 1e6,
            "n_events": len(session.observations),
            "n_screenshots": 0,
        },
    )


def _card_info(options: ImportOptions) -> CardInfo:
    if options.test_fraction >= 1.0:
        split_note = "Everything is in `test`: ProactiveBench publishes these files as its test data."
    else:
        split_note = (
            f"Split by recording with a seeded hash (seed {options.seed}, "
            f"test fraction {options.test_fraction}): reward rows cut from the same recording "
            "(same first observation) share a `user` and a side."
        )
    return CardInfo(
        title="ProactiveBench (timing task, imported)",
        license="apache-2.0",
        summary=(
            "ProactiveBench data converted to a proagentbench corpus for the *timing* task (text only): "
            "each decision point asks whether the assistant should offer help right after the observations "
            "before it."
        ),
        provenance=[
            "reward data: one session and one decision point per row, labelled `help_needed`",
            "event streams: one session per file, one decision point per observation, "
            "labelled `task_status`; candidate tasks kept as reference content",
        ],
        split_note=split_note,
        attribution=ATTRIBUTION,
        extra_tags=["proactivebench"],
    )
