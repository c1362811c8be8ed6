"""What made each run of a report: corpus, dates, agent, model, endpoint and settings, from its log alone.

Only the corpus's folder name is shown, never its full path (a report is shared; a home path names a user).
"""

from dataclasses import dataclass
from typing import Any

from proagentbench.benchmark.records import RunLog
from proagentbench.benchmark.report.rows import corpus_name

SETTING_KEYS = ("tasks", "contexts_s", "memory", "screenshots", "embeddings", "resamples", "seed")
MODEL_KEYS = ("mode", "temperature", "seed", "prompt_version", "prompt_sha256")


@dataclass(frozen=True)
class RunInfo:
    label: str
    agent: dict[str, Any]
    corpus: str
    corpus_sha256: str
    corpus_source: str | None
    created_at: str
    finished_at: str | None
    status: str
    model: str | None
    base_url: str | None
    settings: dict[str, Any]
    models: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "agent": self.agent,
            "corpus": {
                "name": self.corpus,
                "manifest_sha256": self.corpus_sha256,
                "source": self.corpus_source,
            },
            "created_at": self.created_at,
            "finished_at": self.finished_at,
            "status": self.status,
            "model": self.model,
            "base_url": self.base_url,
            "settings": self.settings,
            "models": self.models,
        }

    def settings_text(self) -> str:
        """The settings that shape the numbers, one short line."""
        parts = []
        for key in SETTING_KEYS:
            if key not in self.settings:
                continue
            value = self.settings[key]
            if isinstance(value, list | tuple):
                value = ",".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value)
            parts.append(f"{key}={value}")
        judge = self.settings.get("judge")
        if isinstance(judge, dict) and judge.get("model"):
            parts.append(f"judge={judge['model']}")
        model = self.models.get("agent") or {}
        parts += [f"{key}={model[key]}" for key in MODEL_KEYS if model.get(key) is not None]
        return " ".join(parts)


def run_info(log: RunLog) -> RunInfo:
    usage = log.models.get("agent") or {}
    args = log.agent.args
    model = usage.get("model") or args.get("model")
    base_url = usage.get("endpoint") or args.get("base_url")
    return RunInfo(
        label=log.label(),
        agent=log.agent.to_json(),
        corpus=corpus_name(log),
        corpus_sha256=str(log.corpus.get("manifest_sha256", "")),
        corpus_source=str(log.corpus["source"]) if log.corpus.get("source") else None,
        created_at=log.created_at,
        finished_at=log.finished_at,
        status=log.status,
        model=str(model) if model else None,
        base_url=str(base_url) if base_url else None,
        settings={key: value for key, value in log.settings.items() if key != "executor"},
        models=log.models,
    )
