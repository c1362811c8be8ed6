"""The small value types that flow between corpus, context builder, agents and metrics.

Imports nothing from its own package: every other benchmark module may depend on these types, so they sit at
the bottom of the import graph (tests/test_import_graph.py).
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, overload

TASKS = ("timing", "content")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Event:
    """One corpus event. Recorder corpora fill `app`/`title`; text-only corpora carry everything in `text`."""

    t_us: int
    kind: str
    app: str | None = None
    title: str | None = None
    key: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class DecisionPoint:
    """A moment at which an agent must decide. The label is not part of it: agents never see labels."""

    point_id: str
    session_uid: str
    user: str
    t_us: int
    split: str


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
    """What an agent may know of the user's earlier train sessions (built by `memory.MemoryIndex`)."""

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


@dataclass(frozen=True)
class Context:
    """What an agent sees at a decision point: the last `window_s` seconds of the session, nothing later."""

    point: DecisionPoint
    window_s: float
    session_started_us: int
    events: tuple[Event, ...]
    screenshots: tuple[Path, ...] = ()
    memory: Memory | None = None

    @property
    def current_app(self) -> str | None:
        """The app of the most recent event that names one (None for text-only corpora)."""
        return next((event.app for event in reversed(self.events) if event.app), None)

    @property
    def current_title(self) -> str | None:
        """The window title of the most recent event that has one."""
        return next((event.title for event in reversed(self.events) if event.title), None)


@dataclass(frozen=True, slots=True)
class TimingDecision:
    """Should the agent offer help now? `score` (higher = more likely help) enables AUROC."""

    help: bool
    score: float | None = None
    calls: tuple[dict[str, Any], ...] = ()  # model calls behind it (`models.calls.Call.to_json`), for the log


@dataclass(frozen=True, slots=True)
class ContentAnswer:
    """What the agent would offer: an intent category and the assistance text."""

    intent: str | None
    text: str
    calls: tuple[dict[str, Any], ...] = ()  # model calls behind it (`models.calls.Call.to_json`), for the log


@dataclass(frozen=True)
class LabelledTiming:
    context: Context
    label: bool


@dataclass(frozen=True)
class LabelledContent:
    context: Context
    intent: str | None
    content: str


class LazySequence(Sequence[T]):
    """Items built on access, so an agent that never reads the train contexts never pays for them."""

    def __init__(self, length: int, build: Callable[[int], T]) -> None:
        self._length = length
        self._build = build

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._build(i) for i in range(*index.indices(self._length))]
        if not -self._length <= index < self._length:
            raise IndexError(index)
        return self._build(index % self._length)


@dataclass
class TrainView:
    """The train split as agents may learn from it: contexts with their labels (built as they are read)."""

    timing: Sequence[LabelledTiming] = ()
    content: Sequence[LabelledContent] = ()
    intent_names: tuple[str, ...] | None = None

    @property
    def intents(self) -> list[str]:
        """The intent categories of the train split."""
        if self.intent_names is not None:
            return list(self.intent_names)
        return sorted({item.intent for item in self.content if item.intent})
