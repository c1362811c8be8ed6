"""inspect_ai scorers and metrics that compute this toolkit's own metrics (`benchmark/evaluate.py`).

A sample's score metadata holds what a run log's record holds (the label and the decision and confidence, or
the reference and answered intent), so the metrics are computed by the same functions `proagent bench` uses,
over the same per-sample data, answered samples only, with failures lowering `coverage` (never counted as
wrong answers or as zeros). An undefined metric (AUROC with one class, any metric with nothing answered) is
NaN, as inspect shows a missing value.
"""

import json
import math
from collections.abc import Callable
from typing import Any

from inspect_ai.scorer import Metric, SampleScore, Score, Scorer, Target, metric, scorer
from inspect_ai.solver import TaskState

from proagentbench.benchmark.evaluate import content_section, timing_section
from proagentbench.benchmark.records import ContentRecord, TimingRecord
from proagentbench.benchmark.replies import ContentReply, TimingReply
from proagentbench.models.jsonreply import MalformedReply, parse_reply

UNANSWERED = "no valid reply"


def timing_score(label: bool, decision: bool | None, score: float | None, answer: str, **extra: Any) -> Score:
    """The record's fields go in the score's metadata (kept as they are: inspect's epoch reducers average
    a score's value); the value is numeric: ``correct`` and ``answered`` (0 and 0 for a failed sample)."""
    value = {
        "correct": int(decision is not None and decision == label),
        "answered": int(decision is not None),
    }
    metadata = {"label": label, "decision": decision, "score": score, "answered": decision is not None}
    return Score(value=value, answer=answer, metadata=metadata, **extra)


def content_score(
    ref_intent: str | None, intent: str | None, answered: bool, answer: str, **extra: Any
) -> Score:
    correct = answered and (intent or "").strip().lower() == (ref_intent or "").strip().lower()
    value = {"correct": int(bool(ref_intent) and correct), "answered": int(answered)}
    metadata = {"ref_intent": ref_intent, "intent": intent, "answered": answered}
    return Score(value=value, answer=answer, metadata=metadata, **extra)


def _fields(item: SampleScore) -> dict[str, Any]:
    return dict(item.score.metadata or {})


def timing_records(scores: list[SampleScore]) -> list[TimingRecord]:
    records = []
    for item in scores:
        fields = _fields(item)
        decision = fields.get("decision")
        records.append(
            TimingRecord(
                point_id=str(item.sample_id),
                label=bool(fields["label"]),
                decision=None if decision is None else bool(decision),
                score=fields.get("score"),
                error=None if decision is not None else UNANSWERED,
            )
        )
    return records


def content_records(scores: list[SampleScore]) -> list[ContentRecord]:
    records = []
    for item in scores:
        fields = _fields(item)
        answered = bool(fields.get("answered"))
        records.append(
            ContentRecord(
                point_id=str(item.sample_id),
                ref_intent=fields.get("ref_intent"),
                ref_content="",
                intent=fields.get("intent"),
                text=item.score.answer if answered else None,
                error=None if answered else UNANSWERED,
            )
        )
    return records


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else math.nan


def _timing_metric(name: str) -> Metric:
    def compute(scores: list[SampleScore]) -> float:
        return _number(timing_section(timing_records(scores), resamples=0, seed=0)["agent"][name]["value"])

    return compute


def _content_metric(name: str) -> Metric:
    def compute(scores: list[SampleScore]) -> float:
        return _number(content_section(content_records(scores), resamples=0, seed=0)[name]["value"])

    return compute


@metric
def coverage() -> Metric:
    """The share of samples answered with a valid reply."""

    def compute(scores: list[SampleScore]) -> float:
        answered = [bool(_fields(item).get("answered")) for item in scores]
        return sum(answered) / len(answered) if answered else math.nan

    return compute


@metric
def accuracy() -> Metric:
    return _timing_metric("accuracy")


@metric
def precision() -> Metric:
    return _timing_metric("precision")


@metric
def recall() -> Metric:
    return _timing_metric("recall")


@metric
def f1() -> Metric:
    return _timing_metric("f1")


@metric
def false_alarm_rate() -> Metric:
    return _timing_metric("false_alarm_rate")


@metric
def balanced_accuracy() -> Metric:
    return _timing_metric("balanced_accuracy")


@metric
def auroc() -> Metric:
    return _timing_metric("auroc")


@metric
def intent_accuracy() -> Metric:
    return _content_metric("intent_accuracy")


@metric
def intent_macro_f1() -> Metric:
    return _content_metric("intent_macro_f1")


# By the name each has in `proagent bench`'s metrics (and so in inspect's results).
TIMING_METRICS: dict[str, Callable[[], Metric]] = {
    "accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1,
    "false_alarm_rate": false_alarm_rate, "balanced_accuracy": balanced_accuracy, "auroc": auroc,
    "coverage": coverage,
}  # fmt: skip
CONTENT_METRICS: dict[str, Callable[[], Metric]] = {
    "intent_accuracy": intent_accuracy, "intent_macro_f1": intent_macro_f1, "coverage": coverage,
}  # fmt: skip


@scorer(metrics=[make() for make in TIMING_METRICS.values()])
def timing_scorer() -> Scorer:
    """The reply as the `llm` agent reads it: JSON ``{"help", "confidence"}``, validated."""

    async def score(state: TaskState, target: Target) -> Score:
        del target
        label = bool(state.metadata["label"])
        text = state.output.completion
        try:
            reply = parse_reply(text, TimingReply)
        except MalformedReply as exc:
            return timing_score(label, None, None, text, explanation=f"malformed reply: {exc}")
        confidence = reply.confidence
        clamped = min(1.0, max(0.0, confidence)) if confidence is not None else None
        return timing_score(label, reply.help, clamped, json.dumps(reply.model_dump()))

    return score


@scorer(metrics=[make() for make in CONTENT_METRICS.values()])
def content_scorer() -> Scorer:
    """The reply as the `llm` agent reads it: JSON ``{"intent", "assistance"}``; the answer is the
    assistance text (semantic similarity to the reference is `proagent bench`'s, with the embedding model)."""

    async def score(state: TaskState, target: Target) -> Score:
        del target
        ref_intent = state.metadata.get("ref_intent")
        text = state.output.completion
        try:
            reply = parse_reply(text, ContentReply)
        except MalformedReply as exc:
            return content_score(ref_intent, None, False, text, explanation=f"malformed reply: {exc}")
        return content_score(ref_intent, reply.intent.strip() or None, True, reply.assistance)

    return score
