"""The hierarchical end-to-end score: content is scored only where the timing decision was right.

Per timing test point i:
    s_i = 1                    if the label is negative and the agent stayed silent,
    s_i = q_i                  if the label is positive and the agent offered help (q_i in [0, 1]: the content
                               score at that point, semantic similarity or intent correctness),
    s_i = 0                    otherwise (a false alarm, a miss, or a content failure).
The score is the mean of s_i. A perfect timing agent with useless content scores the negative rate; an
agent that never helps scores exactly the negative rate too, so compare it with the `never` baseline.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from proagentbench.benchmark.metrics.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED
from proagentbench.benchmark.metrics.content import mean_estimate


def end_to_end_scores(
    timing: Sequence[tuple[str, bool, bool]],
    content_quality: Mapping[str, float],
) -> list[float]:
    """timing: (point_id, label, decision); content_quality: point_id -> q in [0, 1] for positives."""
    scores = []
    for point_id, label, decision in timing:
        if label and decision:
            scores.append(float(content_quality.get(point_id, 0.0)))
        else:
            scores.append(1.0 if (not label and not decision) else 0.0)
    return scores


def end_to_end(
    timing: Sequence[tuple[str, bool, bool]],
    quality_by_name: Mapping[str, Mapping[str, float]],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    return {
        name: mean_estimate(end_to_end_scores(timing, quality), resamples=resamples, seed=seed)
        for name, quality in quality_by_name.items()
    }
