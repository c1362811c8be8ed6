"""Corpus statistics, computed by streaming over the Parquet tables of a corpus directory.

Used by `proagent stats` and for the dataset card that `export`/`import` write. Inter-event times are taken
within each session between consecutive events, leaving out `key_release` and `mouse_move` by default: a
release mirrors its press and pointer motion is sampled, so both would measure the recorder, not the user.
"""

from collections import Counter
from collections.abc import Iterator
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


@dataclass(frozen=True)
class SplitStats:
    sessions: int
    users: int
    decision_points: int
    positives: int


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


def compute_stats(root: Path, *, excluded_kinds: tuple[str, ...] = DEFAULT_EXCLUDED_KINDS) -> CorpusStats:
    """Statistics of the corpus tables under ``root`` (a corpus directory or its staging folder)."""
    require_pyarrow()
    seconds, sessions_by_split, users_by_split = _sessions(root)
    kinds, inter = _events(root, set(excluded_kinds))
    point_kinds, points_by_split, positives_by_split = _points(root)
    intents = _intents(root)
    points, positives = sum(points_by_split.values()), sum(positives_by_split.values())
    return CorpusStats(
        hours=seconds / 3600,
        sessions=sum(sessions_by_split.values()),
        users=len(set().union(*users_by_split.values())),
        events=sum(kinds.values()),
        events_by_kind=dict(sorted(kinds.items())),
        decision_points=points,
        positives=positives,
        negatives=points - positives,
        points_by_kind=dict(sorted(point_kinds.items())),
        content_points=sum(intents.values()),
        intents=dict(sorted(intents.items(), key=lambda item: (-item[1], item[0]))),
        inter_event=InterEventStats(
            count=inter.moments.count,
            mean_s=inter.moments.mean if inter.moments.count else None,
            std_s=inter.moments.std if inter.moments.count else None,
            burstiness=inter.burstiness,
            memory=inter.memory,
            excluded_kinds=sorted(set(excluded_kinds)),
            out_of_order=inter.out_of_order,
            histogram_edges_s=histogram_edges(),
            histogram_counts=list(inter.histogram),
        ),
        splits={
            name: SplitStats(
                sessions=sessions_by_split[name],
                users=len(users_by_split.get(name, ())),
                decision_points=points_by_split[name],
                positives=positives_by_split[name],
            )
            for name in dict.fromkeys([*SPLITS, *sessions_by_split, *points_by_split])
        },
    )


def _sessions(root: Path) -> tuple[float, Counter[str], dict[str, set[str]]]:
    """Recorded seconds, sessions per split and the users of each split."""
    seconds = 0.0
    by_split: Counter[str] = Counter()
    users_by_split: dict[str, set[str]] = {}
    for user, duration, split in _rows(root, "sessions", ["user", "duration_s", "split"]):
        seconds += duration or 0.0
        by_split[split] += 1
        users_by_split.setdefault(split, set()).add(user)
    return seconds, by_split, users_by_split


def _events(root: Path, excluded: set[str]) -> tuple[Counter[str], InterEventAccumulator]:
    """Events per kind, and the inter-event times of the kinds not excluded."""
    kinds: Counter[str] = Counter()
    inter = InterEventAccumulator()
    for session, t_us, kind in _rows(root, "events", ["session_uid", "t_us", "kind"]):
        kinds[kind] += 1
        if kind not in excluded:
            inter.add(session, t_us / 1e6)
    return kinds, inter


def _points(root: Path) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Decision points per kind, per split, and positives per split."""
    kinds: Counter[str] = Counter()
    by_split: Counter[str] = Counter()
    positives_by_split: Counter[str] = Counter()
    for label, kind, split in _rows(root, "timing", ["label", "kind", "split"]):
        kinds[kind] += 1
        by_split[split] += 1
        positives_by_split[split] += bool(label)
    return kinds, by_split, positives_by_split


def _intents(root: Path) -> Counter[str]:
    return Counter(intent or "(none)" for (intent,) in _rows(root, "content", ["intent"]))


def _rows(root: Path, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    """The values of ``columns``, row by row, streamed over every split file of ``table``."""
    import pyarrow.parquet as pq

    for split in written_splits(root, table):
        parquet = pq.ParquetFile(table_path(root, table, split))
        for batch in parquet.iter_batches(batch_size=_BATCH, columns=columns):
            yield from zip(*(batch.column(name).to_pylist() for name in columns), strict=True)
