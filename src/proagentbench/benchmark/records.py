"""What a run log holds: per-sample records, the conditions they belong to, and the run itself.

Plain data; reading and writing it is `runlog.py`'s job.
"""

from dataclasses import dataclass, field
from typing import Any

from proagentbench.plugins import Spec

LABEL_OMITS = frozenset({"base_url", "api_key_env", "cache_dir", "use_cache", "concurrency", "timeout_s"})


@dataclass
class TimingRecord:
    """One timing test point: its label, and the agent's decision and score, or the error instead."""

    point_id: str
    label: bool
    decision: bool | None = None
    score: float | None = None
    error: str | None = None
    calls: list[dict[str, Any]] = field(default_factory=list)  # the model calls behind it (run log version 2)

    @property
    def answered(self) -> bool:
        """The agent decided (failed samples are never counted as answers)."""
        return self.error is None and self.decision is not None


@dataclass
class ContentRecord:
    """One content test point: the reference, the agent's answer (or the error instead) and its scores."""

    point_id: str
    ref_intent: str | None
    ref_content: str
    intent: str | None = None
    text: str | None = None
    error: str | None = None
    similarity: float | None = None
    judge: float | None = None
    calls: list[dict[str, Any]] = field(default_factory=list)  # the model calls behind it (run log version 2)

    @property
    def answered(self) -> bool:
        """The agent offered assistance text (failed samples are never counted as answers)."""
        return self.error is None and self.text is not None


Record = TimingRecord | ContentRecord


@dataclass
class Condition:
    """One evaluated setting: context window, memory and screenshots."""

    context_s: float
    memory: str
    screenshots: int
    timing: list[TimingRecord] = field(default_factory=list)
    content: list[ContentRecord] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return condition_key(self.context_s, self.memory, self.screenshots)


def condition_key(context_s: float, memory: str, screenshots: int) -> str:
    return f"context={context_s:g}s memory={memory} screenshots={screenshots}"


@dataclass
class RunLog:
    """One run: the corpus identity, the agent, the settings, and per condition every sample and metric.

    `agent` and `settings` (`BenchSettings.to_json`) are all it takes to run it again. `models` says what
    each model-backed part met: endpoint, model, the negotiated response-format mode, requests and tokens."""

    created_at: str
    generator: str
    corpus: dict[str, Any]
    agent: Spec
    tasks: list[str]
    settings: dict[str, Any]
    conditions: list[Condition] = field(default_factory=list)
    status: str = "running"
    finished_at: str | None = None
    notes: list[str] = field(default_factory=list)
    models: dict[str, Any] = field(default_factory=dict)  # role (agent, judge) -> endpoint, mode, counts

    def condition(self, context_s: float, memory: str, screenshots: int) -> Condition:
        key = condition_key(context_s, memory, screenshots)
        for condition in self.conditions:
            if condition.key == key:
                return condition
        condition = Condition(context_s, memory, screenshots)
        self.conditions.append(condition)
        return condition

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def label(self) -> str:
        """Agent name and the arguments that change its answers (not endpoints, caches or concurrency)."""
        args = ",".join(
            f"{k}={v}" for k, v in sorted(self.agent.args.items()) if v is not None and k not in LABEL_OMITS
        )
        return f"{self.agent.name}({args})" if args else self.agent.name
