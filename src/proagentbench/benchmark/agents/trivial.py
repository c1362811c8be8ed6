"""Agents that ignore the context: the floors every other agent is compared against."""

import hashlib
from dataclasses import dataclass

from proagentbench.benchmark.types import Context, TimingDecision


@dataclass(frozen=True)
class ConstantAgent:
    answer: bool

    def decide(self, context: Context) -> TimingDecision:
        del context
        return TimingDecision(help=self.answer, score=1.0 if self.answer else 0.0)


def always() -> ConstantAgent:
    """Offers help at every decision point (recall 1, false-alarm rate 1)."""
    return ConstantAgent(True)


def never() -> ConstantAgent:
    """Never offers help (accuracy = the negative rate)."""
    return ConstantAgent(False)


@dataclass(frozen=True)
class RandomAgent:
    seed: int
    p: float

    def decide(self, context: Context) -> TimingDecision:
        # A draw per point from a hash of (seed, point): independent of order and concurrency.
        digest = hashlib.sha256(f"{self.seed}:{context.point.point_id}".encode()).digest()
        draw = int.from_bytes(digest[:8], "big") / 2**64
        return TimingDecision(help=draw < self.p, score=1.0 - draw)


def random_agent(seed: int = 0, p: float = 0.5) -> RandomAgent:
    """Offers help with probability p, seeded per decision point."""
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be within [0, 1]")
    return RandomAgent(seed, p)


@dataclass(frozen=True)
class PeriodicAgent:
    period_s: float
    on_s: float

    def decide(self, context: Context) -> TimingDecision:
        elapsed_s = (context.point.t_us - context.session_started_us) / 1_000_000
        return TimingDecision(help=(elapsed_s % self.period_s) < self.on_s)


def periodic(period_s: float = 300.0, on_s: float = 60.0) -> PeriodicAgent:
    """Offers help during the first `on_s` seconds of every `period_s` since the session started."""
    if period_s <= 0 or on_s < 0:
        raise ValueError("period_s must be positive and on_s non-negative")
    return PeriodicAgent(period_s, on_s)
