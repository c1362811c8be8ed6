"""Content-task metrics: intent accuracy and macro-F1, semantic similarity, optional judge scores."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from proagentbench.benchmark.metrics.bootstrap import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    estimate,
    resample_statistic,
)

if TYPE_CHECKING:
    import numpy as np


def macro_f1(truth: Sequence[str], predicted: Sequence[str | None]) -> float | None:
    """Unweighted mean of per-class F1 over every class seen in truth or predictions (0 where undefined)."""
    if not truth:
        return None
    classes = sorted({t for t in truth} | {p for p in predicted if p is not None})
    scores = []
    for label in classes:
        tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p == label)
        fp = sum(1 for t, p in zip(truth, predicted, strict=True) if t != label and p == label)
        fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p != label)
        denominator = 2 * tp + fp + fn
        scores.append(2 * tp / denominator if denominator else 0.0)
    return sum(scores) / len(scores)


def mean_estimate(values: Sequence[float], *, resamples: int, seed: int) -> dict[str, Any]:
    import numpy as np

    array = np.asarray(values, dtype=float)
    if array.size == 0:
        return {"value": None, "ci": None}
    draws = resample_statistic(
        array.size, lambda idx: float(array[idx].mean()), resamples=resamples, seed=seed
    )
    return dict(estimate(float(array.mean()), draws))


def intent_metrics(
    truth: Sequence[str],
    predicted: Sequence[str | None],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    """Over points whose reference has an intent. Case and surrounding spaces do not count."""
    t = [x.strip().lower() for x in truth]
    p = [x.strip().lower() if x else None for x in predicted]
    correct = [1.0 if a == b else 0.0 for a, b in zip(t, p, strict=True)]
    value = macro_f1(t, p)
    draws: np.ndarray | None = None
    if value is not None:
        draws = resample_statistic(
            len(t),
            lambda idx: macro_f1([t[i] for i in idx], [p[i] for i in idx]),
            resamples=resamples,
            seed=seed,
        )
    return {
        "n_with_intent": len(t),
        "intent_accuracy": mean_estimate(correct, resamples=resamples, seed=seed),
        "intent_macro_f1": estimate(value, draws),
    }
