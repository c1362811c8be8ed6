"""A run log as inspect_ai eval logs: one log per evaluated condition and task, readable by `read_eval_log`
and inspect's viewer.

Each sample is one decision point: its input is the prompt the agent's model call recorded (run-log version 2;
images appear as their sha256 and size, never their bytes), else a line naming the point; its output is the
raw reply (else the decision as JSON); its score carries the record's fields in the same shape as the
`proagentbench/timing` and `/content` tasks' scorers, so their metrics recompute the run log's values. The
results are the run log's own metrics. The agent, settings, corpus identity and model settings go into the
log's metadata (``proagentbench``).

The other direction (an inspect log into a run log) is not offered: an inspect log names a model, not an
agent `Spec`, and does not record the corpus manifest's sha256 that a run log is resumed and compared by.
"""

import json
import math
from pathlib import Path
from typing import Any

from inspect_ai.log import (
    EvalConfig,
    EvalDataset,
    EvalLog,
    EvalMetric,
    EvalResults,
    EvalSample,
    EvalScore,
    EvalSpec,
    EvalStats,
    write_eval_log,
)
from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageUser,
    ContentText,
    ModelOutput,
    ModelUsage,
)

from proagentbench.benchmark.records import Condition, ContentRecord, RunLog, TimingRecord
from proagentbench.interop.inspect_scores import CONTENT_METRICS, TIMING_METRICS, content_score, timing_score

# The run log's metrics as the inspect tasks name them; content adds what only `proagent bench` computes.
TIMING_NAMES = tuple(name for name in TIMING_METRICS if name != "coverage")
CONTENT_NAMES = (*(name for name in CONTENT_METRICS if name != "coverage"), "semantic_similarity", "judge")


def model_name(log: RunLog) -> str:
    """inspect names a model ``provider/model``: here the agent and the model it called (or its label)."""
    model = (log.models.get("agent") or {}).get("model")
    return f"{log.agent.name}/{model or log.label()}"


def _messages(call: dict[str, Any]) -> list[ChatMessage]:
    messages: list[ChatMessage] = []
    for message in call.get("messages", []):
        content = message.get("content")
        if isinstance(content, list):
            content = [ContentText(text=_part_text(part)) for part in content]
        role = message.get("role")
        if role == "system":
            messages.append(ChatMessageSystem(content=content or ""))
        elif role == "assistant":
            messages.append(ChatMessageAssistant(content=content or ""))
        else:
            messages.append(ChatMessageUser(content=content or ""))
    return messages


def _part_text(part: Any) -> str:
    if isinstance(part, dict) and part.get("type") == "text":
        return str(part.get("text", ""))
    image = part.get("image_url") if isinstance(part, dict) else None
    if isinstance(image, dict) and "sha256" in image:
        return f"[image {image.get('media_type')} sha256={image['sha256']} bytes={image.get('bytes')}]"
    return json.dumps(part)


def _usage(calls: list[dict[str, Any]]) -> ModelUsage:
    prompt = sum(int(call.get("prompt_tokens", 0)) for call in calls)
    completion = sum(int(call.get("completion_tokens", 0)) for call in calls)
    return ModelUsage(input_tokens=prompt, output_tokens=completion, total_tokens=prompt + completion)


def _sample(record: TimingRecord | ContentRecord, model: str) -> EvalSample:
    call = record.calls[-1] if record.calls else None
    if isinstance(record, TimingRecord):
        answer = json.dumps({"help": record.decision, "confidence": record.score})
        score = timing_score(record.label, record.decision, record.score, answer, explanation=record.error)
        target = "help" if record.label else "silent"
    else:
        answered = record.answered
        score = content_score(
            record.ref_intent, record.intent, answered, record.text or "", explanation=record.error
        )
        answer = json.dumps({"intent": record.intent, "assistance": record.text})
        target = record.ref_content
    messages: list[ChatMessage] = (
        _messages(call) if call else [ChatMessageUser(content=f"decision point {record.point_id}")]
    )
    reply = str(call["reply"]) if call else answer
    output = ModelOutput.from_content(model=model, content=reply)
    output.usage = _usage(record.calls)
    return EvalSample(
        id=record.point_id,
        epoch=1,
        input=messages,
        target=target,
        messages=[*messages, ChatMessageAssistant(content=reply)],
        output=output,
        scores={_scorer(record): score},
        metadata={"error": record.error, "calls": len(record.calls)},
        model_usage={model: output.usage},
        total_time=sum(float(call.get("latency_s", 0.0)) for call in record.calls) or None,
    )


def _scorer(record: TimingRecord | ContentRecord) -> str:
    return "timing_scorer" if isinstance(record, TimingRecord) else "content_scorer"


def _value(section: dict[str, Any], name: str) -> float:
    value = (section.get(name) or {}).get("value")
    return float(value) if isinstance(value, int | float) else math.nan


def _results(condition: Condition, task: str, total: int) -> EvalResults:
    metrics = condition.metrics.get(task) or {}
    section = metrics.get("agent") or {} if task == "timing" else metrics
    names = TIMING_NAMES if task == "timing" else CONTENT_NAMES
    values = {name: EvalMetric(name=name, value=_value(section, name)) for name in names}
    coverage = section.get("coverage")
    values["coverage"] = EvalMetric(
        name="coverage", value=float(coverage) if coverage is not None else math.nan
    )
    scorer = f"{task}_scorer"
    return EvalResults(
        total_samples=total,
        completed_samples=total,
        scores=[EvalScore(name=scorer, scorer=scorer, metrics=values)],
    )


def eval_logs(log: RunLog) -> dict[str, EvalLog]:
    """One inspect log per condition and task of the run, by a file-name stem (``timing-context300s-...``)."""
    model = model_name(log)
    agent_model = log.models.get("agent") or {}
    logs: dict[str, EvalLog] = {}
    for condition in log.conditions:
        for task in log.tasks:
            records: list[TimingRecord] | list[ContentRecord] = getattr(condition, task)
            if not records:
                continue
            samples = [_sample(record, model) for record in records]
            spec = EvalSpec(
                created=log.created_at,
                task=f"proagentbench/{task}",
                task_args={"corpus": log.corpus.get("path"), "context_s": condition.context_s},
                dataset=EvalDataset(
                    name=f"proagentbench-{task}",
                    location=log.corpus.get("path"),
                    samples=len(samples),
                    sample_ids=[record.point_id for record in records],
                ),
                model=model,
                model_base_url=agent_model.get("endpoint"),
                config=EvalConfig(),
                metadata={
                    "proagentbench": {
                        "generator": log.generator,
                        "agent": log.agent.to_json(),
                        "condition": condition.key,
                        "corpus": log.corpus,
                        "settings": log.settings,
                        "models": log.models,
                        "notes": log.notes,
                    }
                },
            )
            logs[_stem(condition, task)] = EvalLog(
                eval=spec,
                status="success" if log.status == "complete" else "started",
                results=_results(condition, task, len(samples)),
                stats=EvalStats(
                    started_at=log.created_at,
                    completed_at=log.finished_at or "",
                    model_usage={model: _usage([c for r in records for c in r.calls])},
                ),
                samples=samples,
            )
    return logs


def _stem(condition: Condition, task: str) -> str:
    return (
        f"{task}-context{condition.context_s:g}s-memory-{condition.memory}-screenshots{condition.screenshots}"
    )


def export_inspect(log: RunLog, out_dir: Path) -> list[Path]:
    """Write the run's inspect logs (``.eval``) into ``out_dir``; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, eval_log in eval_logs(log).items():
        path = out_dir / f"{stem}.eval"
        write_eval_log(eval_log, path)
        written.append(path)
    return written
