"""The offline annotator: label the moments just before the user turned to an LLM assistant.

As in the ProAgentBench paper, a positive is a moment when the user actually went to an assistant, and what
they typed there is the reference assistance content. Hard negatives are moments that look like the ones
before a positive (the same applications) but after which the user did not turn to an assistant.
"""

import bisect
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from proagentbench.annotator.base import LabelledPoint, TimelineEvent
from proagentbench.annotator.intents import classify_intent
from proagentbench.config import settings_from_table
from proagentbench.errors import ConfigError
from proagentbench.plugins import Spec
from proagentbench.timeutil import MICROS_PER_SECOND

DEFAULT_ASSISTANT_PATTERN = (
    r"chatgpt|claude|gemini|copilot|perplexity|le chat|mistral|deepseek|\bllm\b|ai assistant"
)


@dataclass(frozen=True)
class HeuristicSettings:
    assistant_pattern: str = DEFAULT_ASSISTANT_PATTERN
    query_window_s: float = 120.0
    min_query_chars: int = 8
    negatives_per_positive: float = 2.0
    min_gap_s: float = 90.0
    seed: int = 0


AssistantTest = Callable[[TimelineEvent], bool]

HEURISTIC_SOURCE = "heuristic"


class HeuristicAnnotator:
    """The built-in ``heuristic`` annotator; its arguments are the fields of `HeuristicSettings`."""

    source = HEURISTIC_SOURCE

    def __init__(self, **settings: Any) -> None:
        self.settings = settings_from_table(HeuristicSettings, settings, where="annotator heuristic")
        try:
            re.compile(self.settings.assistant_pattern)
        except re.error as exc:
            raise ConfigError(
                f"annotator heuristic: assistant_pattern is not a valid regex ({exc})"
            ) from None
        if self.settings.negatives_per_positive < 0 or self.settings.query_window_s <= 0:
            raise ConfigError("annotator heuristic: negatives_per_positive must be >= 0, query_window_s > 0")

    @property
    def spec(self) -> Spec:
        return Spec(HEURISTIC_SOURCE, asdict(self.settings))

    def label(self, timeline: Sequence[TimelineEvent], *, session_key: str) -> list[LabelledPoint]:
        return label_session(timeline, self.settings, session_key=session_key)


def label_session(
    events: Sequence[TimelineEvent], settings: HeuristicSettings, *, session_key: str
) -> list[LabelledPoint]:
    """Decision points for one session's events (sorted by time)."""
    assistant = re.compile(settings.assistant_pattern, re.IGNORECASE)

    def is_assistant(event: TimelineEvent) -> bool:
        return bool(assistant.search(event.app) or assistant.search(event.title))

    positives = _positives(events, is_assistant, settings)
    negatives = _hard_negatives(events, positives, is_assistant, settings, session_key)
    return sorted(positives + negatives, key=lambda point: point.t)


def _positives(
    events: Sequence[TimelineEvent], is_assistant: AssistantTest, settings: HeuristicSettings
) -> list[LabelledPoint]:
    points: list[LabelledPoint] = []
    previous_app: str | None = None
    window_us = int(settings.query_window_s * MICROS_PER_SECOND)
    for index, event in enumerate(events):
        if event.kind != "window_focus":
            continue
        if is_assistant(event) and previous_app is not None:
            query = _query_after(events, index, window_us, is_assistant)
            if len(query) >= settings.min_query_chars:
                points.append(
                    LabelledPoint(
                        t=event.t - 1,
                        label=True,
                        kind="positive",
                        intent=classify_intent(query),
                        content=query,
                        app=previous_app,
                    )
                )
        previous_app = None if is_assistant(event) else event.app
    return points


def _query_after(
    events: Sequence[TimelineEvent], focus_index: int, window_us: int, is_assistant: AssistantTest
) -> str:
    start = events[focus_index].t
    parts: list[str] = []
    for event in events[focus_index + 1 :]:
        if event.t - start > window_us or (event.kind == "window_focus" and not is_assistant(event)):
            break
        if event.kind == "text" and event.text:
            parts.append(event.text)
    return " ".join(" ".join(parts).split())


def _hard_negatives(
    events: Sequence[TimelineEvent],
    positives: list[LabelledPoint],
    is_assistant: AssistantTest,
    settings: HeuristicSettings,
    session_key: str,
) -> list[LabelledPoint]:
    gap_us = int(settings.min_gap_s * MICROS_PER_SECOND)
    busy = sorted([point.t for point in positives] + [event.t for event in events if is_assistant(event)])
    lookalike_apps = {point.app for point in positives}
    candidates = [
        event
        for event in events
        if event.kind in ("text", "window_focus")
        and not is_assistant(event)
        and _far_from(busy, event.t, gap_us)
    ]
    hard = [event for event in candidates if event.app in lookalike_apps]
    other = [event for event in candidates if event.app not in lookalike_apps]
    wanted = round(len(positives) * settings.negatives_per_positive)
    rng = random.Random(f"{settings.seed}:{session_key}")
    chosen = rng.sample(hard, min(wanted, len(hard)))
    chosen += rng.sample(other, min(wanted - len(chosen), len(other)))
    points: dict[int, LabelledPoint] = {}
    for event in chosen:
        kind = "hard_negative" if event.app in lookalike_apps else "negative"
        points[event.t + 1] = LabelledPoint(t=event.t + 1, label=False, kind=kind, app=event.app)
    return list(points.values())


def _far_from(sorted_times: list[int], t: int, gap_us: int) -> bool:
    """Whether no time in ``sorted_times`` lies within ``gap_us`` of ``t``."""
    index = bisect.bisect_left(sorted_times, t - gap_us)
    return index == len(sorted_times) or sorted_times[index] > t + gap_us
