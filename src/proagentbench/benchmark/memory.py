"""Long-term memory: built only from the same user's earlier sessions in the train split.

`kg`  knowledge-graph priors: P(help | app), app -> intent, window keyword -> intent, app -> next app.
`rag` retrieval over past segments (the context before each earlier decision point, with its outcome).

A source session must belong to the same user, be in the train split, and have ended before the target
session started, so neither the test split nor another user nor the future can leak into memory
(`MemoryIndex.sources`).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from proagentbench.benchmark.points import ContentPoint, SessionInfo, TimingPoint
from proagentbench.benchmark.render import keywords

if TYPE_CHECKING:
    from proagentbench.benchmark.retrieval import Retriever

MEMORY_KINDS = ("none", "kg", "rag")


@dataclass(frozen=True)
class Segment:
    """An earlier decision point of the same user: what the context looked like and what happened."""

    session_uid: str
    t_us: int
    text: str
    help: bool
    intent: str | None = None
    content: str | None = None

    def describe(self) -> str:
        outcome = "the user needed help" if self.help else "no help was needed"
        if self.intent:
            outcome += f" (intent: {self.intent})"
        if self.content:
            outcome += f"; they asked: {self.content}"
        return f"{self.text[:300]} => {outcome}"


@dataclass
class Memory:
    kind: str
    sources: tuple[str, ...]
    help_by_app: dict[str, tuple[int, int]] = field(default_factory=dict)
    overall: tuple[int, int] = (0, 0)
    intent_by_app: dict[str, Counter[str]] = field(default_factory=dict)
    intent_by_keyword: dict[str, Counter[str]] = field(default_factory=dict)
    transitions: dict[str, Counter[str]] = field(default_factory=dict)
    retrieved: tuple[Segment, ...] = ()

    def p_help(self, app: str | None) -> float | None:
        """P(help | app) with add-one smoothing towards the user's overall rate; None with no history."""
        positives, total = self.overall
        if total == 0:
            return None
        base = positives / total
        if app is None or app not in self.help_by_app:
            return base
        app_pos, app_total = self.help_by_app[app]
        return (app_pos + base) / (app_total + 1)

    def likely_intent(self, app: str | None, words: set[str]) -> str | None:
        votes: Counter[str] = Counter()
        if app and app in self.intent_by_app:
            votes.update(self.intent_by_app[app])
        for word in words:
            votes.update(self.intent_by_keyword.get(word, Counter()))
        for segment in self.retrieved:
            if segment.intent:
                votes[segment.intent] += 1
        return votes.most_common(1)[0][0] if votes else None

    def render(self, app: str | None = None) -> str:
        """A short text for model prompts."""
        if not self.sources:
            return "No memory of this user's earlier sessions."
        lines = [f"Memory from {len(self.sources)} earlier session(s) of this user:"]
        positives, total = self.overall
        if total:
            lines.append(f"- needed help at {positives} of {total} earlier decision points")
        p_app = self.p_help(app)
        if app and p_app is not None:
            lines.append(f"- P(help | {app}) = {p_app:.2f}")
        if app and app in self.intent_by_app:
            common = ", ".join(i for i, _ in self.intent_by_app[app].most_common(3))
            lines.append(f"- usual intents in {app}: {common}")
        if app and app in self.transitions:
            nexts = ", ".join(a for a, _ in self.transitions[app].most_common(3))
            lines.append(f"- after {app} the user usually goes to: {nexts}")
        for segment in self.retrieved:
            lines.append(f"- similar past moment: {segment.describe()}")
        return "\n".join(lines)


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
        sessions: dict[str, SessionInfo],
        digests: dict[str, SessionDigest],
        retriever: "Retriever | None" = None,
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


def content_by_point(points: list[ContentPoint]) -> dict[str, ContentPoint]:
    return {item.point.point_id: item for item in points}


def window_keywords(title: str | None, last_text: str | None) -> set[str]:
    """Window keywords: from the title, or from the last observation in text-only corpora."""
    return keywords(title) if title else keywords(last_text)
