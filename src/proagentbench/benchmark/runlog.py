"""The run log: every per-sample prediction, the agent (name + args), the corpus identity and the metrics.

Read and written only here. Format `proagentbench-run`, version 1 (see docs/benchmark.md). A reader
refuses any other version. While a run is in progress every finished sample is appended to a journal beside
the log (`RUN.json.journal.jsonl`), so an interrupted run resumes where it stopped; the journal is removed
once the log is complete.
"""

import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from proagentbench.errors import ProagentError

RUNLOG_FORMAT = "proagentbench-run"
RUNLOG_VERSION = 1
SUPPORTED_RUNLOG_VERSIONS = (1,)
LABEL_OMITS = frozenset({"base_url", "api_key_env", "cache_dir", "use_cache", "concurrency", "timeout_s"})


class RunLogError(ProagentError):
    """A run log that is missing, unreadable, of an unknown version, or belongs to a different run."""


@dataclass
class TimingRecord:
    point_id: str
    label: bool
    decision: bool | None = None
    score: float | None = None
    error: str | None = None


@dataclass
class ContentRecord:
    point_id: str
    ref_intent: str | None
    ref_content: str
    intent: str | None = None
    text: str | None = None
    error: str | None = None
    similarity: float | None = None
    judge: float | None = None


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
    created_at: str
    generator: str
    corpus: dict[str, Any]
    agent: dict[str, Any]
    tasks: list[str]
    settings: dict[str, Any]
    conditions: list[Condition] = field(default_factory=list)
    status: str = "running"
    finished_at: str | None = None
    notes: list[str] = field(default_factory=list)
    format: str = RUNLOG_FORMAT
    version: int = RUNLOG_VERSION

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
            f"{k}={v}"
            for k, v in sorted(self.agent.get("args", {}).items())
            if v is not None and k not in LABEL_OMITS
        )
        return f"{self.agent['name']}({args})" if args else str(self.agent["name"])


def write_runlog(log: RunLog, path: Path) -> None:
    """Write atomically (temporary file, then rename), so a crash never leaves half a log."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(log), handle, indent=1, sort_keys=False)
            handle.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_runlog(path: Path) -> RunLog:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunLogError(f"{path}: no such run log") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RunLogError(f"{path}: unreadable run log ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != RUNLOG_FORMAT:
        raise RunLogError(f"{path}: not a {RUNLOG_FORMAT} run log")
    if data.get("version") not in SUPPORTED_RUNLOG_VERSIONS:
        raise RunLogError(
            f"{path}: run log version {data.get('version')!r} is not supported "
            f"(this proagentbench reads version {', '.join(map(str, SUPPORTED_RUNLOG_VERSIONS))})"
        )
    try:
        conditions = [
            Condition(
                context_s=c["context_s"],
                memory=c["memory"],
                screenshots=c["screenshots"],
                timing=[TimingRecord(**r) for r in c.get("timing", [])],
                content=[ContentRecord(**r) for r in c.get("content", [])],
                metrics=c.get("metrics", {}),
            )
            for c in data.pop("conditions", [])
        ]
        return RunLog(**data, conditions=conditions)
    except (TypeError, KeyError) as exc:
        raise RunLogError(f"{path}: malformed run log ({exc})") from None


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal.jsonl")


class Journal:
    """Append-only record of finished samples (one JSON line each, flushed), for resuming.

    The first line names the run (agent and corpus), so a journal is never resumed by a different run.
    """

    def __init__(self, path: Path, identity: dict[str, Any]) -> None:
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not path.exists() or path.stat().st_size == 0
        self._handle = path.open("a", encoding="utf-8")
        self.appended = 0
        self.fresh = fresh
        if fresh:
            self._handle.write(json.dumps({"run": identity}) + "\n")
            self._handle.flush()

    def append(self, condition: str, task: str, record: TimingRecord | ContentRecord) -> None:
        line = json.dumps({"condition": condition, "task": task, "record": asdict(record)})
        with self._lock:
            self._handle.write(line + "\n")
            self._handle.flush()
            self.appended += 1

    def close(self) -> None:
        """Close; a journal this run created but never wrote a sample to is removed (nothing to resume)."""
        self._handle.close()
        if self.fresh and self.appended == 0:
            self.path.unlink(missing_ok=True)


def read_journal(
    path: Path, identity: dict[str, Any]
) -> dict[tuple[str, str], dict[str, TimingRecord | ContentRecord]]:
    """Records by (condition, task) and point id; a torn last line (killed mid-write) is ignored."""
    done: dict[tuple[str, str], dict[str, TimingRecord | ContentRecord]] = {}
    if not path.exists():
        return done
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        header = json.loads(lines[0])["run"] if lines else identity
    except (ValueError, KeyError, TypeError):
        header = None
    if header != identity:
        raise RunLogError(
            f"{path} is the journal of another run (agent or corpus differ); "
            "remove it or choose another --out"
        )
    for line in lines[1:]:
        try:
            entry = json.loads(line)
            record_cls = TimingRecord if entry["task"] == "timing" else ContentRecord
            record = record_cls(**entry["record"])
        except (ValueError, KeyError, TypeError):
            continue
        done.setdefault((entry["condition"], entry["task"]), {})[record.point_id] = record
    return done
