"""What a run evaluates besides the agent: tasks, context windows, memory, screenshots, scoring.

Written into the run log (`to_json`) and read back from it (`from_json`), so that with the agent's `Spec` a
run can be rebuilt from its log alone.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from proagentbench.models import ModelSettings
from proagentbench.plugins import Spec


@dataclass(frozen=True)
class BenchSettings:
    tasks: tuple[str, ...] = ("timing",)
    contexts_s: tuple[float, ...] = (300.0,)
    memory: str = "none"
    screenshots: int = 0
    embeddings: bool = True
    judge: ModelSettings | None = None
    resamples: int = 1000
    seed: int = 0
    concurrency: int | None = None
    executor: Spec | None = None  # None: points on threads of this process; else shards on this executor

    def to_json(self) -> dict[str, Any]:
        """As recorded in a run log: the judge's model settings without any key, only its variable's name."""
        data = asdict(self)
        data["judge"] = self.judge.public() if self.judge else None
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "BenchSettings":
        """The settings a run log recorded (unknown keys are a TypeError, as for any malformed log)."""
        values = dict(data)
        for name in ("tasks", "contexts_s"):
            if name in values:
                values[name] = tuple(values[name])
        judge = values.get("judge")
        values["judge"] = ModelSettings(**judge) if judge is not None else None
        executor = values.get("executor")
        values["executor"] = Spec.from_json(executor, where="executor") if executor is not None else None
        return cls(**values)
