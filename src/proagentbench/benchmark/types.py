"""The small value types that flow between corpus, context builder, agents and metrics."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from proagentbench.benchmark.memory import Memory

TASKS = ("timing", "content")


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


@dataclass
class TrainView:
    """The train split as agents may learn from it: contexts with their labels."""

    timing: list[LabelledTiming] = field(default_factory=list)
    content: list[LabelledContent] = field(default_factory=list)

    @property
    def intents(self) -> list[str]:
        return sorted({item.intent for item in self.content if item.intent})
