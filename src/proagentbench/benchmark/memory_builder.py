"""Digesting train sessions into what memory needs, in one ordered pass per session."""

from collections import Counter, defaultdict

from proagentbench.benchmark.memory import MemoryIndex, SessionDigest, window_keywords
from proagentbench.benchmark.points import ContentPoint, CorpusSession, TimingPoint
from proagentbench.benchmark.retrieval import Retriever
from proagentbench.benchmark.timeline import Timeline
from proagentbench.benchmark.types import Segment

SEGMENT_SECONDS = 120


def digest_session(
    rows: list[dict[str, object]],
    timing: list[TimingPoint],
    content: dict[str, ContentPoint],
) -> SessionDigest:
    """Walk the session's events and points in time order (both are sorted)."""
    transitions: Counter[tuple[str, str]] = Counter()
    digest = SessionDigest(points=[], intents=[], transitions=transitions, segments=[])
    app: str | None = None
    title: str | None = None
    last_text: str | None = None
    recent: list[tuple[int, str]] = []
    cursor = 0
    for item in sorted(timing, key=lambda p: p.point.t_us):
        t_us = item.point.t_us
        while cursor < len(rows) and int(rows[cursor]["t_us"]) <= t_us:  # type: ignore[call-overload]
            row = rows[cursor]
            cursor += 1
            new_app = row.get("app")
            if isinstance(new_app, str) and new_app:
                if app and new_app != app:
                    transitions[(app, new_app)] += 1
                app = new_app
            if isinstance(row.get("title"), str) and row["title"]:
                title = str(row["title"])
            if isinstance(row.get("text"), str) and row["text"]:
                last_text = str(row["text"])
            line = " ".join(str(row[k]) for k in ("app", "title", "text") if row.get(k))
            if line:
                recent.append((int(row["t_us"]), line))  # type: ignore[call-overload]
        recent = [(t, w) for t, w in recent if t > t_us - SEGMENT_SECONDS * 1_000_000]
        words = window_keywords(title, last_text)
        digest.points.append((item, app, words))
        reference = content.get(item.point.point_id)
        if reference is not None and reference.intent:
            digest.intents.append((app, words, reference.intent))
        digest.segments.append(
            Segment(
                session_uid=item.point.session_uid,
                t_us=t_us,
                text=" ".join(w for _, w in recent[-20:]),
                help=item.label,
                intent=reference.intent if reference else None,
                content=reference.content if reference else None,
            )
        )
    return digest


def build_memory_index(
    kind: str,
    sessions: dict[str, CorpusSession],
    train_events: Timeline,
    train_timing: list[TimingPoint],
    train_content: list[ContentPoint],
    *,
    use_embeddings: bool,
) -> MemoryIndex:
    by_session: dict[str, list[TimingPoint]] = defaultdict(list)
    for item in train_timing:
        by_session[item.point.session_uid].append(item)
    content = {item.point.point_id: item for item in train_content}
    digests = {
        uid: digest_session(train_events.session_rows(uid), points, content)
        for uid, points in by_session.items()
        if uid in sessions and sessions[uid].split == "train"
    }
    retriever = None
    if kind == "rag":
        segments = [segment for digest in digests.values() for segment in digest.segments]
        retriever = Retriever(segments, use_embeddings=use_embeddings)
    return MemoryIndex(kind, sessions, digests, retriever)
