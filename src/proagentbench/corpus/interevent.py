"""Burstiness and memory of inter-event times (pure functions and streaming accumulators).

Burstiness (Goh & Barabasi 2008): B = (sigma - mu) / (sigma + mu) of the inter-event times; -1 for a periodic
signal, about 0 for a Poisson process, towards 1 for heavy-tailed, bursty activity.
Memory coefficient: M = Pearson correlation of consecutive inter-event times (tau_i, tau_i+1), in [-1, 1].
Both accumulate in one pass with Welford-style updates, so they stream over any number of events.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Histogram of inter-event times in seconds: a zero bin, then log-spaced bins from 1 ms to ~11.6 days.
HIST_MIN_S = 1e-3
HIST_DECADES = 9
HIST_BINS_PER_DECADE = 5


def burstiness(mean: float, std: float) -> float | None:
    """B = (sigma - mu) / (sigma + mu); None when undefined (no positive inter-event time)."""
    if mean + std <= 0:
        return None
    return (std - mean) / (std + mean)


def burstiness_of(intervals: Sequence[float]) -> float | None:
    moments = Moments()
    for value in intervals:
        moments.add(value)
    return burstiness(moments.mean, moments.std)


def memory_coefficient_of(intervals: Sequence[float]) -> float | None:
    pairs = PairMoments()
    for first, second in zip(intervals, intervals[1:], strict=False):
        pairs.add(first, second)
    return pairs.correlation()


@dataclass
class Moments:
    """Running count, mean and (population) standard deviation (Welford)."""

    count: int = 0
    mean: float = 0.0
    squares: float = 0.0  # sum of squared deviations from the running mean

    def add(self, value: float) -> float:
        """Add ``value``; returns its deviation from the mean before it was added."""
        self.count += 1
        delta = value - self.mean
        self.mean += delta / self.count
        self.squares += delta * (value - self.mean)
        return delta

    @property
    def std(self) -> float:
        return math.sqrt(self.squares / self.count) if self.count else 0.0


@dataclass
class PairMoments:
    """Running Pearson correlation of (x, y) pairs: the moments of each side and their co-moment."""

    x: Moments = field(default_factory=Moments)
    y: Moments = field(default_factory=Moments)
    _co_moment: float = 0.0

    def add(self, x: float, y: float) -> None:
        dx = self.x.add(x)
        self.y.add(y)
        self._co_moment += dx * (y - self.y.mean)

    def correlation(self) -> float | None:
        if self.x.count < 2 or self.x.squares <= 0 or self.y.squares <= 0:
            return None
        return self._co_moment / math.sqrt(self.x.squares * self.y.squares)


def histogram_edges() -> list[float]:
    """Upper edges of the log-spaced bins (seconds); bin 0 holds zero gaps, the last bin everything above."""
    steps = HIST_DECADES * HIST_BINS_PER_DECADE
    return [HIST_MIN_S * 10 ** (i / HIST_BINS_PER_DECADE) for i in range(steps + 1)]


@dataclass
class InterEventAccumulator:
    """Streams (group, time) pairs in time order per group and accumulates B, M and a histogram.

    Groups (sessions) must arrive contiguously; a time that goes backwards inside a group is counted in
    ``out_of_order`` and skipped rather than producing a negative interval.
    """

    moments: Moments = field(default_factory=Moments)
    pairs: PairMoments = field(default_factory=PairMoments)
    histogram: list[int] = field(default_factory=lambda: [0] * (len(histogram_edges()) + 1))
    out_of_order: int = 0
    _group: str | None = None
    _last_t: float | None = None
    _last_gap: float | None = None

    def add(self, group: str, t_seconds: float) -> None:
        if group != self._group:
            self._group, self._last_t, self._last_gap = group, t_seconds, None
            return
        assert self._last_t is not None
        gap = t_seconds - self._last_t
        if gap < 0:
            self.out_of_order += 1
            return
        self._last_t = t_seconds
        self.moments.add(gap)
        self.histogram[_bin(gap)] += 1
        if self._last_gap is not None:
            self.pairs.add(self._last_gap, gap)
        self._last_gap = gap

    def add_all(self, items: Iterable[tuple[str, float]]) -> None:
        for group, t_seconds in items:
            self.add(group, t_seconds)

    @property
    def burstiness(self) -> float | None:
        return burstiness(self.moments.mean, self.moments.std)

    @property
    def memory(self) -> float | None:
        return self.pairs.correlation()


def _bin(gap: float) -> int:
    if gap <= 0:
        return 0
    if gap < HIST_MIN_S:
        return 1
    index = int(math.floor(math.log10(gap / HIST_MIN_S) * HIST_BINS_PER_DECADE)) + 1
    return min(index, HIST_DECADES * HIST_BINS_PER_DECADE + 1)
