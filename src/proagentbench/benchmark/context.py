"""Building the context an agent sees at a decision point: the last W seconds, screenshots, memory."""

from pathlib import Path

from proagentbench.benchmark.event_text import context_text
from proagentbench.benchmark.memory import MemoryIndex
from proagentbench.benchmark.points import CorpusSession
from proagentbench.benchmark.timeline import Timeline
from proagentbench.benchmark.types import Context, DecisionPoint, Event
from proagentbench.corpus import Corpus

EVENT_COLUMNS = ("kind", "app", "title", "key", "text")  # Event fields after t_us, in order
DEFAULT_WINDOW_S = 300.0


def load_events(corpus: Corpus, split: str) -> Timeline:
    return Timeline(corpus, "events", split, EVENT_COLUMNS)


def load_screenshots(corpus: Corpus, split: str) -> Timeline:
    return Timeline(corpus, "screenshots", split, (corpus.image_column,))  # the path, never the bytes


class ContextBuilder:
    def __init__(
        self,
        corpus: Corpus,
        sessions: dict[str, CorpusSession],
        events: Timeline,
        *,
        window_s: float = DEFAULT_WINDOW_S,
        screenshots: Timeline | None = None,
        max_screenshots: int = 0,
        memory: MemoryIndex | None = None,
    ) -> None:
        if window_s <= 0:
            raise ValueError("the context window must be positive")
        self._corpus = corpus
        self._sessions = sessions
        self._events = events
        self._screenshots = screenshots
        self._max_screenshots = max_screenshots
        self._memory = memory
        self.window_s = window_s

    def build(self, point: DecisionPoint) -> Context:
        end = point.t_us
        start = end - int(self.window_s * 1_000_000)
        span = self._events.span(point.session_uid, start, end)
        columns = self._events.columns(*span, ("t_us", *EVENT_COLUMNS))
        events = tuple(map(Event, *columns))
        shots: tuple[Path, ...] = ()
        if self._screenshots is not None and self._max_screenshots > 0:
            shot_rows = self._screenshots.rows(*self._screenshots.span(point.session_uid, start, end))
            shots = tuple(
                self._corpus.image_path(row["image"]) for row in shot_rows[-self._max_screenshots :]
            )
        session = self._sessions.get(point.session_uid)
        context = Context(
            point=point,
            window_s=self.window_s,
            session_started_us=session.started_us if session else (events[0].t_us if events else end),
            events=events,
            screenshots=shots,
        )
        if self._memory is None:
            return context
        memory = self._memory.for_point(point.session_uid, context_text(context))
        return Context(
            point=context.point,
            window_s=context.window_s,
            session_started_us=context.session_started_us,
            events=context.events,
            screenshots=context.screenshots,
            memory=memory,
        )
