"""Sessions and decision points of a corpus, as the benchmark needs them."""

from dataclasses import dataclass

from proagentbench.benchmark.types import DecisionPoint
from proagentbench.corpus import Corpus, CorpusError


@dataclass(frozen=True, slots=True)
class CorpusSession:
    """A session of the corpus as the benchmark needs it: whose, which split, when (UTC microseconds)."""

    uid: str
    user: str
    split: str
    started_us: int
    ended_us: int


@dataclass(frozen=True, slots=True)
class TimingPoint:
    point: DecisionPoint
    label: bool


@dataclass(frozen=True, slots=True)
class ContentPoint:
    point: DecisionPoint
    intent: str | None
    content: str


def load_corpus_sessions(corpus: Corpus) -> dict[str, CorpusSession]:
    """Every session of the corpus by uid (a session without an end ends after its duration)."""
    sessions: dict[str, CorpusSession] = {}
    for row in corpus.read("sessions").to_pylist():
        started = int(row["started_at_us"])
        ended = row["ended_at_us"]
        ended_us = int(ended) if ended is not None else started + int(row["duration_s"] * 1_000_000)
        sessions[row["session_uid"]] = CorpusSession(
            row["session_uid"], row["user"], row["split"], started, ended_us
        )
    return sessions


def _point(row: dict[str, object]) -> DecisionPoint:
    return DecisionPoint(
        point_id=str(row["point_id"]),
        session_uid=str(row["session_uid"]),
        user=str(row["user"]),
        t_us=int(row["t_us"]),  # type: ignore[call-overload]
        split=str(row["split"]),
    )


def load_timing_points(corpus: Corpus, split: str) -> list[TimingPoint]:
    rows = corpus.read("timing", split).to_pylist()
    points = [TimingPoint(_point(row), bool(row["label"])) for row in rows]
    return sorted(points, key=lambda p: (p.point.session_uid, p.point.t_us))


def load_content_points(corpus: Corpus, split: str) -> list[ContentPoint]:
    rows = corpus.read("content", split).to_pylist()
    points = [ContentPoint(_point(row), row["intent"], str(row["content"])) for row in rows]
    return sorted(points, key=lambda p: (p.point.session_uid, p.point.t_us))


def require_points(points: list[TimingPoint] | list[ContentPoint], table: str, split: str, root: str) -> None:
    if not points:
        raise CorpusError(f"{root}: the {split} split has no {table} decision points; nothing to evaluate")
