"""The small value types that flow between corpus, context builder, agents and metrics."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, overload

if TYPE_CHECKING:
    from proagentbench.benchmark.memory import Memory

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
class Context:
    """What an agent sees at a decision point: the last `window_s` seconds of the session, nothing later."""

    point: DecisionPoint
    window_s: float
    session_started_us: int
    events: tuple[Event, ...]
    screenshots: tuple[Path, ...] = ()
    memory: "Memory | None" = None

    @property
    def current_app(self) -> str | None:
        """The app of the most recent event that names one (None for text-only corpora)."""
        for event in reversed(self.events):
            if event.app:
                return event.app
        return None

    @property
    def current_title(self) -> str | None:
        for event in reversed(self.events):
            if event.title:
                return event.title
        return None


@dataclass(frozen=True, slots=True)
class TimingDecision:
    """Should the agent offer help now? `score` (higher = more likely help) enables AUROC."""

    help: bool
    score: float | None = None


@dataclass(frozen=True, slots=True)
class ContentAnswer:
    """What the agent would offer: an intent category and the assistance text."""

    intent: str | None
    text: str


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
