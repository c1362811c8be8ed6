"""Timing-task metrics: confusion-matrix rates, balanced accuracy and AUROC, with bootstrap CIs.

Confusion-matrix metrics depend only on the four cell counts, so their bootstrap draws the counts from a
multinomial (exactly equivalent to resampling the points, and fast on any corpus size).
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from proagentbench.benchmark.metrics.bootstrap import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    Estimate,
    estimate,
    resample_statistic,
)

if TYPE_CHECKING:
    import numpy as np

RATE_METRICS = ("accuracy", "precision", "recall", "f1", "false_alarm_rate", "balanced_accuracy")


def _ratio(numerator: "np.ndarray", denominator: "np.ndarray") -> "np.ndarray":
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan)


def rates(tp: "np.ndarray", fp: "np.ndarray", fn: "np.ndarray", tn: "np.ndarray") -> dict[str, "np.ndarray"]:
    """Every rate metric from cell counts (arrays, so the bootstrap evaluates all draws at once)."""
    total = tp + fp + fn + tn
    recall = _ratio(tp, tp + fn)
    specificity = _ratio(tn, tn + fp)
    return {
        "accuracy": _ratio(tp + tn, total),
        "precision": _ratio(tp, tp + fp),
        "recall": recall,
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "false_alarm_rate": _ratio(fp, fp + tn),
        "balanced_accuracy": (recall + specificity) / 2,
    }


def auroc(labels: "np.ndarray", scores: "np.ndarray") -> float | None:
    """Area under the ROC curve (Mann-Whitney U with mid-ranks for ties); None with a single class."""
    import numpy as np
    from scipy.stats import rankdata

    positives = int(labels.sum())
    negatives = int(labels.size - positives)
    if positives == 0 or negatives == 0:
        return None
    ranks = rankdata(scores)
    u = float(ranks[labels].sum()) - positives * (positives + 1) / 2
    return float(np.float64(u) / (positives * negatives))


def timing_metrics(
    labels: Sequence[bool],
    decisions: Sequence[bool],
    scores: Sequence[float] | None = None,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    import numpy as np

    y = np.asarray(labels, dtype=bool)
    p = np.asarray(decisions, dtype=bool)
    n = int(y.size)
    cells = np.array([(y & p).sum(), (~y & p).sum(), (y & ~p).sum(), (~y & ~p).sum()], dtype=float)
    result: dict[str, Any] = {
        "n": n,
        "confusion": {"tp": int(cells[0]), "fp": int(cells[1]), "fn": int(cells[2]), "tn": int(cells[3])},
    }
    point = rates(*(np.array([c]) for c in cells))
    if n:
        draws = np.random.default_rng(seed).multinomial(n, cells / n, size=resamples).astype(float)
        sampled = rates(draws[:, 0], draws[:, 1], draws[:, 2], draws[:, 3])
    for name in RATE_METRICS:
        value = float(point[name][0])
        metric: Estimate = (
            estimate(value, sampled[name]) if n and np.isfinite(value) else {"value": None, "ci": None}
        )
        result[name] = metric
    if scores is not None and n:
        s = np.asarray(scores, dtype=float)
        area = auroc(y, s)
        draws_auc = (
            resample_statistic(n, lambda idx: auroc(y[idx], s[idx]), resamples=resamples, seed=seed)
            if area is not None
            else None
        )
        result["auroc"] = estimate(area, draws_auc)
    else:
        result["auroc"] = {"value": None, "ci": None}
    return result
