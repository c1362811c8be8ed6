"""Long-term memory: built only from the same user's earlier sessions in the train split.

`kg`  knowledge-graph priors: P(help | app), app -> intent, window keyword -> intent, app -> next app.
`rag` retrieval over past segments (the context before each earlier decision point, with its outcome).

A source session must belong to the same user, be in the train split, and have ended before the target
session started, so neither the test split nor another user nor the future can leak into memory
(`MemoryIndex.sources`).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from proagentbench.benchmark.event_text import keywords
from proagentbench.benchmark.points import CorpusSession, TimingPoint
from proagentbench.benchmark.retrieval import Retriever
from proagentbench.benchmark.types import Memory, Segment

MEMORY_KINDS = ("none", "kg", "rag")


@dataclass
class SessionDigest:
    """What one train session contributes to memory."""

    points: list[tuple[TimingPoint, str | None, set[str]]]  # point, app at the point, window keywords
    intents: list[tuple[str | None, set[str], str]]  # app, keywords, intent
    transitions: Counter[tuple[str, str]]
    segments: list[Segment]


class MemoryIndex:
    """Digests of train sessions, merged per target session on demand (and cached)."""

    def __init__(
        self,
        kind: str,
        sessions: dict[str, CorpusSession],
        digests: dict[str, SessionDigest],
        retriever: Retriever | None = None,
        top_k: int = 3,
    ) -> None:
        if kind not in MEMORY_KINDS or kind == "none":
            raise ValueError(f"memory kind must be kg or rag, not {kind!r}")
        self.kind = kind
        self._sessions = sessions
        self._digests = digests
        self._retriever = retriever
        self._top_k = top_k
        self._cache: dict[str, Memory] = {}

    def sources(self, session_uid: str) -> list[str]:
        target = self._sessions[session_uid]
        return sorted(
            (
                info.uid
                for info in self._sessions.values()
                if info.split == "train"
                and info.user == target.user
                and info.uid != target.uid
                and info.ended_us <= target.started_us
                and info.uid in self._digests
            ),
            key=lambda uid: self._sessions[uid].started_us,
        )

    def for_session(self, session_uid: str) -> Memory:
        if session_uid not in self._cache:
            self._cache[session_uid] = self._merge(self.sources(session_uid))
        return self._cache[session_uid]

    def for_point(self, session_uid: str, query: str) -> Memory:
        memory = self.for_session(session_uid)
        if self.kind != "rag" or self._retriever is None or not memory.sources:
            return memory
        hits = self._retriever.search(query, memory.sources, self._top_k)
        return replace(memory, retrieved=tuple(hits))

    def _merge(self, sources: list[str]) -> Memory:
        help_by_app: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        positives = total = 0
        intent_by_app: dict[str, Counter[str]] = defaultdict(Counter)
        intent_by_keyword: dict[str, Counter[str]] = defaultdict(Counter)
        transitions: dict[str, Counter[str]] = defaultdict(Counter)
        for uid in sources:
            digest = self._digests[uid]
            for timing, app, _words in digest.points:
                positives += timing.label
                total += 1
                if app:
                    help_by_app[app][0] += timing.label
                    help_by_app[app][1] += 1
            for app, words, intent in digest.intents:
                if app:
                    intent_by_app[app][intent] += 1
                for word in words:
                    intent_by_keyword[word][intent] += 1
            for (source, target), count in digest.transitions.items():
                transitions[source][target] += count
        return Memory(
            kind=self.kind,
            sources=tuple(sources),
            help_by_app={app: (p, n) for app, (p, n) in help_by_app.items()},
            overall=(positives, total),
            intent_by_app=dict(intent_by_app),
            intent_by_keyword=dict(intent_by_keyword),
            transitions=dict(transitions),
        )


def window_keywords(title: str | None, last_text: str | None) -> set[str]:
    """Window keywords: from the title, or from the last observation in text-only corpora."""
    return keywords(title) if title else keywords(last_text)
