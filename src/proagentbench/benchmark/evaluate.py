"""Metrics of one condition, computed from its per-sample records alone (so a run log can be re-scored).

Failed samples are never counted as answers: metrics are over the answered samples, and `n_failed` and
`coverage` say how many that is. If nothing was answered the metric values are null, not zero.
"""

from typing import Any

from proagentbench.benchmark.metrics.content import intent_metrics, mean_estimate
from proagentbench.benchmark.metrics.end_to_end import end_to_end
from proagentbench.benchmark.metrics.timing import timing_metrics
from proagentbench.benchmark.records import Condition, ContentRecord, TimingRecord


def _coverage(total: int, failed: int) -> dict[str, Any]:
    return {"n_points": total, "n_failed": failed, "coverage": (total - failed) / total if total else None}


def timing_section(records: list[TimingRecord], *, resamples: int, seed: int) -> dict[str, Any]:
    answered = [r for r in records if r.answered]
    labels = [r.label for r in answered]
    scores = [r.score for r in answered]
    has_scores = bool(answered) and all(s is not None for s in scores)
    agent = timing_metrics(
        labels,
        [bool(r.decision) for r in answered],
        [float(s) for s in scores if s is not None] if has_scores else None,
        resamples=resamples,
        seed=seed,
    )
    agent.update(_coverage(len(records), len(records) - len(answered)))
    everyone = [r.label for r in records]
    return {
        "agent": agent,
        "always": timing_metrics(everyone, [True] * len(everyone), resamples=resamples, seed=seed),
        "never": timing_metrics(everyone, [False] * len(everyone), resamples=resamples, seed=seed),
        "positive_rate": sum(everyone) / len(everyone) if everyone else None,
    }


def content_section(records: list[ContentRecord], *, resamples: int, seed: int) -> dict[str, Any]:
    answered = [r for r in records if r.answered]
    with_intent = [r for r in answered if r.ref_intent]
    section: dict[str, Any] = _coverage(len(records), len(records) - len(answered))
    section.update(
        intent_metrics(
            [str(r.ref_intent) for r in with_intent],
            [r.intent for r in with_intent],
            resamples=resamples,
            seed=seed,
        )
    )
    similarities = [r.similarity for r in answered if r.similarity is not None]
    section["semantic_similarity"] = mean_estimate(similarities, resamples=resamples, seed=seed)
    judged = [r.judge for r in answered if r.judge is not None]
    section["judge"] = mean_estimate(judged, resamples=resamples, seed=seed)
    return section


def end_to_end_section(condition: Condition, *, resamples: int, seed: int) -> dict[str, Any]:
    timing = [(r.point_id, r.label, bool(r.decision)) for r in condition.timing if r.answered]
    answered = [r for r in condition.content if r.answered]
    quality: dict[str, dict[str, float]] = {
        "intent": {
            r.point_id: 1.0
            if (r.intent or "").strip().lower() == (r.ref_intent or "").strip().lower()
            else 0.0
            for r in answered
            if r.ref_intent
        }
    }
    if any(r.similarity is not None for r in answered):
        quality["similarity"] = {r.point_id: max(0.0, r.similarity or 0.0) for r in answered}
    return end_to_end(timing, quality, resamples=resamples, seed=seed)


def condition_metrics(condition: Condition, tasks: list[str], *, resamples: int, seed: int) -> dict[str, Any]:
    metrics: dict[str, Any] = {}
    if "timing" in tasks:
        metrics["timing"] = timing_section(condition.timing, resamples=resamples, seed=seed)
    if "content" in tasks:
        metrics["content"] = content_section(condition.content, resamples=resamples, seed=seed)
    if "timing" in tasks and "content" in tasks:
        metrics["end_to_end"] = end_to_end_section(condition, resamples=resamples, seed=seed)
    return metrics
