import math
import random

import numpy as np
import pytest

from proagentbench.corpus.interevent import (
    InterEventAccumulator,
    burstiness,
    burstiness_of,
    histogram_edges,
    memory_coefficient_of,
)


def test_periodic_signal_has_burstiness_minus_one() -> None:
    assert burstiness_of([2.5] * 1000) == pytest.approx(-1.0)


def test_poisson_process_has_burstiness_near_zero() -> None:
    rng = random.Random(11)
    gaps = [rng.expovariate(0.5) for _ in range(50_000)]
    value = burstiness_of(gaps)
    assert value is not None and abs(value) < 0.02


def test_heavy_tailed_gaps_are_bursty() -> None:
    rng = random.Random(5)
    gaps = [rng.paretovariate(1.3) for _ in range(50_000)]  # infinite variance
    value = burstiness_of(gaps)
    assert value is not None and value > 0.5


def test_burstiness_formula_and_undefined_case() -> None:
    assert burstiness(mean=1.0, std=3.0) == pytest.approx(0.5)
    assert burstiness(mean=0.0, std=0.0) is None
    assert burstiness_of([]) is None


def test_memory_coefficient_on_known_sequences() -> None:
    alternating = [1.0, 10.0] * 500
    assert memory_coefficient_of(alternating) == pytest.approx(-1.0)
    trending = [float(i) for i in range(1000)]
    assert memory_coefficient_of(trending) == pytest.approx(1.0)
    rng = random.Random(3)
    independent = [rng.expovariate(1.0) for _ in range(50_000)]
    value = memory_coefficient_of(independent)
    assert value is not None and abs(value) < 0.02
    assert memory_coefficient_of([1.0, 1.0, 1.0]) is None  # no variance, no correlation


def test_streaming_matches_numpy_and_does_not_pair_across_sessions() -> None:
    rng = np.random.default_rng(0)
    accumulator = InterEventAccumulator()
    all_gaps: list[np.ndarray] = []
    pairs_x: list[float] = []
    pairs_y: list[float] = []
    for session in range(5):
        gaps = rng.lognormal(0.0, 1.5, size=400)
        times = np.concatenate([[1000.0 * session], 1000.0 * session + np.cumsum(gaps)])
        accumulator.add_all((f"s{session}", float(t)) for t in times)
        all_gaps.append(gaps)
        pairs_x += list(gaps[:-1])
        pairs_y += list(gaps[1:])
    flat = np.concatenate(all_gaps)
    mean, std = flat.mean(), flat.std()
    assert accumulator.moments.count == flat.size
    assert accumulator.burstiness == pytest.approx((std - mean) / (std + mean), rel=1e-6)
    assert accumulator.memory == pytest.approx(float(np.corrcoef(pairs_x, pairs_y)[0, 1]), rel=1e-6)
    assert sum(accumulator.histogram) == flat.size


def test_backward_times_are_counted_not_used() -> None:
    accumulator = InterEventAccumulator()
    accumulator.add_all([("s", 0.0), ("s", 1.0), ("s", 0.5), ("s", 3.0)])
    assert accumulator.out_of_order == 1 and accumulator.moments.count == 2
    assert accumulator.moments.mean == pytest.approx(1.5)


def test_histogram_bins_cover_zero_and_log_range() -> None:
    accumulator = InterEventAccumulator()
    accumulator.add_all([("s", 0.0), ("s", 0.0), ("s", 0.0105), ("s", 1e7)])
    edges = histogram_edges()
    assert accumulator.histogram[0] == 1  # the zero gap
    assert accumulator.histogram[-1] == 1  # beyond the last edge
    index = next(i for i, count in enumerate(accumulator.histogram) if i and count)
    assert edges[index - 1] <= 0.0105 < edges[index]
    assert math.isclose(edges[0], 1e-3)
