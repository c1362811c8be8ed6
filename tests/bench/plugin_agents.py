"""Third-party style agents for tests, loaded as `plugin_agents:<factory>` (module:attr)."""

import time
from dataclasses import dataclass, field
from typing import Any

from proagentbench.benchmark.types import ContentAnswer, Context, TimingDecision, TrainView

SEEN_MEMORY: list[tuple[str, tuple[str, ...]]] = []
CALLS: list[str] = []


@dataclass
class KeywordAgent:
    """Helps when a keyword appears in the context; offers the intent it learned most often."""

    keyword: str = "error"
    intent: str | None = None

    def fit(self, train: TrainView) -> None:
        self.intent = train.intents[0] if train.intents else None

    def decide(self, context: Context) -> TimingDecision:
        hit = any(self.keyword in (e.text or "").lower() for e in context.events)
        return TimingDecision(help=hit, score=1.0 if hit else 0.0)

    def assist(self, context: Context) -> ContentAnswer:
        return ContentAnswer(intent=self.intent, text=f"Let me help with the {self.keyword}")


def keyword(keyword: str = "error") -> KeywordAgent:
    return KeywordAgent(keyword=keyword)


class MemoryProbe:
    def decide(self, context: Context) -> TimingDecision:
        sources = context.memory.sources if context.memory is not None else ()
        SEEN_MEMORY.append((context.point.session_uid, sources))
        return TimingDecision(help=False)


def memory_probe() -> MemoryProbe:
    return MemoryProbe()


@dataclass
class Flaky:
    """Raises on every `every`-th point, returns the wrong type on others: failures must be recorded."""

    mode: str = "raise"
    calls: list[str] = field(default_factory=list)

    def decide(self, context: Context) -> Any:
        index = int(context.point.t_us // 1_000_000) % 3
        if self.mode == "raise" and index == 0:
            raise RuntimeError("agent bug")
        if self.mode == "wrong_type":
            return "yes"
        if self.mode == "bad_score":
            return TimingDecision(help=True, score=float("nan"))
        return TimingDecision(help=True, score=0.5)


def flaky(mode: str = "raise") -> Flaky:
    return Flaky(mode=mode)


STOP_AFTER: list[int] = []  # set by a test: simulate Ctrl-C after that many calls


ATTEMPTS: list[str] = []


class Interrupting:
    """Counts calls; after STOP_AFTER[0] calls simulates Ctrl-C."""

    def __init__(self, concurrency: int = 1, delay_s: float = 0.0) -> None:
        self.concurrency = concurrency
        self.delay_s = delay_s

    def decide(self, context: Context) -> TimingDecision:
        ATTEMPTS.append(context.point.point_id)
        time.sleep(self.delay_s)
        if STOP_AFTER and len(CALLS) >= STOP_AFTER[0]:
            raise KeyboardInterrupt
        CALLS.append(context.point.point_id)
        return TimingDecision(help=True)


def interrupting(concurrency: int = 1, delay_s: float = 0.0) -> Interrupting:
    return Interrupting(concurrency, delay_s)


class NotAnAgent:
    pass


def not_an_agent() -> NotAnAgent:
    return NotAnAgent()


class BadContent:
    """Answers timing fine; its content answers raise or have the wrong type, alternately."""

    def decide(self, context: Context) -> TimingDecision:
        return TimingDecision(help=True)

    def __init__(self) -> None:
        self.calls = 0

    def assist(self, context: Context) -> Any:
        self.calls += 1
        if self.calls % 2:
            raise ValueError("no idea")
        return {"intent": "debug", "text": "a dict is not a ContentAnswer"}


def bad_content() -> BadContent:
    return BadContent()
