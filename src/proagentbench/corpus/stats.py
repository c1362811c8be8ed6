"""Corpus statistics, computed by streaming over the Parquet tables of a corpus directory.

Used by `proagent stats` and for the dataset card that `export`/`import` write. Inter-event times are taken
within each session between consecutive events, leaving out `key_release` and `mouse_move` by default: a
release mirrors its press and pointer motion is sampled, so both would measure the recorder, not the user.
"""

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from proagentbench.corpus.deps import require_pyarrow
from proagentbench.corpus.format import SPLITS
from proagentbench.corpus.interevent import InterEventAccumulator, histogram_edges
from proagentbench.corpus.layout import table_path, written_splits

DEFAULT_EXCLUDED_KINDS = ("key_release", "mouse_move")
_BATCH = 65_536


@dataclass
class InterEventStats:
    count: int
    mean_s: float | None
    std_s: float | None
    burstiness: float | None
    memory: float | None
    excluded_kinds: list[str]
    out_of_order: int
    histogram_edges_s: list[float]
    histogram_counts: list[int]


@dataclass
class SplitStats:
    sessions: int = 0
    users: int = 0
    decision_points: int = 0
    positives: int = 0


@dataclass
class CorpusStats:
    hours: float
    sessions: int
    users: int
    events: int
    events_by_kind: dict[str, int]
    decision_points: int
    positives: int
    negatives: int
    points_by_kind: dict[str, int]
    content_points: int
    intents: dict[str, int]
    inter_event: InterEventStats
    splits: dict[str, SplitStats] = field(default_factory=dict)

    @property
    def positive_rate(self) -> float | None:
        return self.positives / self.decision_points if self.decision_points else None

    def split_counts(self) -> dict[str, dict[str, int]]:
        """Per split: sessions, users, decision points and positives (the manifest's `splits`)."""
        return {name: asdict(split) for name, split in self.splits.items()}

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["positive_rate"] = self.positive_rate
        return data


def _batches(root: Path, table: str, columns: list[str]) -> Any:
    import pyarrow.parquet as pq

    for split in written_splits(root, table):
        path = table_path(root, table, split)
        yield from pq.ParquetFile(path).iter_batches(batch_size=_BATCH, columns=columns)


def compute_stats(root: Path, *, excluded_kinds: tuple[str, ...] = DEFAULT_EXCLUDED_KINDS) -> CorpusStats:
    """Statistics of the corpus tables under ``root`` (a corpus directory or its staging folder)."""
    require_pyarrow()
    splits = {split: SplitStats() for split in SPLITS}
    users: set[str] = set()
    users_by_split: dict[str, set[str]] = {split: set() for split in SPLITS}
    seconds = 0.0
    session_count = 0
    for batch in _batches(root, "sessions", ["user", "duration_s", "split"]):
        for user, duration, split in zip(*(batch.column(i).to_pylist() for i in range(3)), strict=True):
            session_count += 1
            seconds += duration or 0.0
            users.add(user)
            users_by_split.setdefault(split, set()).add(user)
            splits.setdefault(split, SplitStats()).sessions += 1
    for split, members in users_by_split.items():
        splits[split].users = len(members)

    kinds: Counter[str] = Counter()
    inter = InterEventAccumulator()
    excluded = set(excluded_kinds)
    for batch in _batches(root, "events", ["session_uid", "t_us", "kind"]):
        sessions, times, event_kinds = (batch.column(i).to_pylist() for i in range(3))
        kinds.update(event_kinds)
        for session, t_us, kind in zip(sessions, times, event_kinds, strict=True):
            if kind not in excluded:
                inter.add(session, t_us / 1e6)

    point_kinds: Counter[str] = Counter()
    positives = points = 0
    for batch in _batches(root, "timing", ["label", "kind", "split"]):
        for label, kind, split in zip(*(batch.column(i).to_pylist() for i in range(3)), strict=True):
            points += 1
            positives += bool(label)
            point_kinds[kind] += 1
            entry = splits.setdefault(split, SplitStats())
            entry.decision_points += 1
            entry.positives += bool(label)

    intents: Counter[str] = Counter()
    content_points = 0
    for batch in _batches(root, "content", ["intent"]):
        for intent in batch.column(0).to_pylist():
            content_points += 1
            intents[intent or "(none)"] += 1

    return CorpusStats(
        hours=seconds / 3600,
        sessions=session_count,
        users=len(users),
        events=sum(kinds.values()),
        events_by_kind=dict(sorted(kinds.items())),
        decision_points=points,
        positives=positives,
        negatives=points - positives,
        points_by_kind=dict(sorted(point_kinds.items())),
        content_points=content_points,
        intents=dict(sorted(intents.items(), key=lambda item: (-item[1], item[0]))),
        inter_event=InterEventStats(
            count=inter.moments.count,
            mean_s=inter.moments.mean if inter.moments.count else None,
            std_s=inter.moments.std if inter.moments.count else None,
            burstiness=inter.burstiness,
            memory=inter.memory,
            excluded_kinds=sorted(excluded),
            out_of_order=inter.out_of_order,
            histogram_edges_s=histogram_edges(),
            histogram_counts=list(inter.histogram),
        ),
        splits=splits,
    )
