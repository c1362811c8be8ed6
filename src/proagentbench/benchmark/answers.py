"""Turning an agent's answer at one point into a per-sample record, validating what it returned.

An exception or an answer of the wrong type becomes a record with `error` set, never a default answer.
"""

import math
from typing import Any

from proagentbench.benchmark.context import ContextBuilder
from proagentbench.benchmark.points import ContentPoint, TimingPoint
from proagentbench.benchmark.records import ContentRecord, TimingRecord
from proagentbench.benchmark.types import ContentAnswer, TimingDecision
from proagentbench.models.calls import Call


def timing_record(agent: Any, builder: ContextBuilder, item: TimingPoint) -> TimingRecord:
    record = TimingRecord(point_id=item.point.point_id, label=item.label)
    try:
        decision = agent.decide(builder.build(item.point))
    except Exception as exc:
        record.error = f"agent raised {type(exc).__name__}: {exc}"
        record.calls = _failed_call(exc)
        return record
    if not isinstance(decision, TimingDecision) or not isinstance(decision.help, bool):
        record.error = f"agent returned {type(decision).__name__} {decision!r:.80}, expected a TimingDecision"
        return record
    score = decision.score
    if score is not None and (isinstance(score, bool) or not isinstance(score, int | float)):
        record.error = f"agent returned a score of type {type(score).__name__}, expected a number"
        return record
    if score is not None and not math.isfinite(score):
        record.error = f"agent returned a non-finite score {score}"
        return record
    record.decision = decision.help
    record.score = None if score is None else float(score)
    record.calls = _calls(decision.calls)
    return record


def content_record(agent: Any, builder: ContextBuilder, item: ContentPoint) -> ContentRecord:
    record = ContentRecord(point_id=item.point.point_id, ref_intent=item.intent, ref_content=item.content)
    try:
        answer = agent.assist(builder.build(item.point))
    except Exception as exc:
        record.error = f"agent raised {type(exc).__name__}: {exc}"
        record.calls = _failed_call(exc)
        return record
    if (
        not isinstance(answer, ContentAnswer)
        or not isinstance(answer.text, str)
        or not (answer.intent is None or isinstance(answer.intent, str))
    ):
        record.error = f"agent returned {type(answer).__name__} {answer!r:.80}, expected a ContentAnswer"
        return record
    record.intent = answer.intent
    record.text = answer.text
    record.calls = _calls(answer.calls)
    return record


def _failed_call(exc: Exception) -> list[dict[str, Any]]:
    """The model call that failed, when the error carries one (`ModelCallError.call`): its prompt and the
    last raw reply are what explains the failure."""
    call = getattr(exc, "call", None)
    return [call.to_json()] if isinstance(call, Call) else []


def _calls(calls: object) -> list[dict[str, Any]]:
    """The model calls an answer names, as plain JSON objects (anything else an agent put there is dropped:
    it is audit data, not part of the answer)."""
    if not isinstance(calls, tuple | list):
        return []
    return [dict(call) for call in calls if isinstance(call, dict)]
