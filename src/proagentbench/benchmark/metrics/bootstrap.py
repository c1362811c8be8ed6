"""Percentile bootstrap confidence intervals (seeded, so a run log's numbers are reproducible)."""

from collections.abc import Callable
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    import numpy as np

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 0


class Estimate(TypedDict):
    value: float | None
    ci: list[float] | None


def percentile_ci(samples: "np.ndarray") -> list[float] | None:
    import numpy as np

    finite = samples[np.isfinite(samples)]
    if finite.size == 0:
        return None
    low, high = np.percentile(finite, [2.5, 97.5])
    return [float(low), float(high)]


def estimate(value: float | None, samples: "np.ndarray | None") -> Estimate:
    if value is None or samples is None:
        return {"value": value, "ci": None}
    return {"value": float(value), "ci": percentile_ci(samples)}


def resample_statistic(
    n: int,
    statistic: Callable[["np.ndarray"], float | None],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> "np.ndarray":
    """Evaluate `statistic(indices)` on `resamples` bootstrap draws of the n samples (NaN where undefined)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    out = np.full(resamples, np.nan)
    for i in range(resamples):
        value = statistic(rng.integers(0, n, n))
        if value is not None:
            out[i] = value
    return out
