"""The run log: every per-sample prediction, the agent (a Spec), the settings, the corpus and the metrics.

Read and written only here. Format `proagentbench-run`, versions 1 and 2 (see docs/benchmark.md); a reader
refuses any other version. Version 2 adds each sample's model calls (`calls`: prompt, raw reply, tokens,
latency, cache hit); a log without any is written as version 1, so version-1 readers still read it.

While a run is in progress every finished sample is appended to a journal beside the log
(`RUN.json.journal.jsonl`), so an interrupted run resumes where it stopped; the journal is removed once the
log is complete.
"""

import json
import os
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from proagentbench.benchmark.records import Condition, ContentRecord, Record, RunLog, TimingRecord
from proagentbench.benchmark.types import TASKS
from proagentbench.errors import ExitCode, ProagentError
from proagentbench.jsonfile import read_document, write_atomic
from proagentbench.paths import make_private_dir
from proagentbench.plugins import PluginError, Spec
from proagentbench.timeutil import now_us, us_to_iso

RUNLOG_FORMAT = "proagentbench-run"
RUNLOG_VERSION = 2
SUPPORTED_RUNLOG_VERSIONS = (1, 2)

Done = dict[tuple[str, str], dict[str, Record]]  # (condition key, task) -> point id -> finished record


class RunLogError(ProagentError):
    """A run log that is missing, unreadable, of an unknown version, or belongs to a different run."""

    exit_code = ExitCode.BAD_INPUT


def write_runlog(log: RunLog, path: Path) -> None:
    """Write atomically (temporary file, then rename), so a crash never leaves half a log."""
    data = {**asdict(log), "agent": log.agent.to_json()}
    if not log.models:
        del data["models"]  # a run without models reads as the first release wrote it
    with_calls = False
    for condition in data["conditions"]:
        for record in (*condition["timing"], *condition["content"]):
            if record["calls"]:
                with_calls = True
            else:
                del record["calls"]
    version = RUNLOG_VERSION if with_calls else 1
    write_atomic(path, {**data, "format": RUNLOG_FORMAT, "version": version})


def read_runlog(path: Path) -> RunLog:
    data = read_document(path, RUNLOG_FORMAT, kind="run log", error=RunLogError)
    del data["format"]
    version = data.pop("version", None)
    if version not in SUPPORTED_RUNLOG_VERSIONS:
        raise RunLogError(
            f"{path}: run log version {version!r} is not supported "
            f"(this proagentbench reads version {', '.join(map(str, SUPPORTED_RUNLOG_VERSIONS))})"
        )
    try:
        agent = Spec.from_json(data.pop("agent"), where="agent")
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
        return RunLog(**data, agent=agent, conditions=conditions)
    except (TypeError, KeyError, PluginError) as exc:
        raise RunLogError(f"{path}: malformed run log ({exc})") from None


def resume_or_start(path: Path, fresh: RunLog) -> RunLog:
    """The log already at ``path`` to continue (same agent, same corpus), else ``fresh``; any other run's log
    is refused rather than mixed with this one."""
    if not path.exists():
        return fresh
    previous = read_runlog(path)
    same_corpus = previous.corpus["manifest_sha256"] == fresh.corpus["manifest_sha256"]
    if previous.agent != fresh.agent or not same_corpus:
        raise RunLogError(
            f"{path} holds a run of another agent or corpus "
            f"({previous.label()} on {previous.corpus['path']}); "
            "choose another --out to keep it"
        )
    previous.tasks = sorted(set(previous.tasks) | set(fresh.tasks), key=TASKS.index)
    previous.settings = fresh.settings
    previous.status = "running"
    return previous


def finish_runlog(log: RunLog, path: Path) -> None:
    """Mark the run complete, write its log and drop the journal it no longer needs."""
    log.status = "complete"
    log.finished_at = us_to_iso(now_us())
    write_runlog(log, path)
    journal_path(path).unlink(missing_ok=True)


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal.jsonl")


class Journal:
    """Append-only record of finished samples (one JSON line each, flushed), for resuming.

    The first line names the run (agent and corpus), so a journal is never resumed by a different run.
    """

    def __init__(self, path: Path, identity: dict[str, Any]) -> None:
        self.path = path
        self._lock = threading.Lock()
        make_private_dir(path.parent)
        fresh = not _header_written(path)
        # A header cut short (the disk filled while writing it) is rewritten, not appended to. Owner-only,
        # like the run log: each line carries a sample's answer about the corpus's sessions.
        flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if fresh else os.O_APPEND)
        self._handle = open(os.open(path, flags, 0o600), "a", encoding="utf-8")  # noqa: SIM115 - held until close()
        self.appended = 0
        self.fresh = fresh
        if fresh:
            self._handle.write(json.dumps({"run": identity}) + "\n")
            self._handle.flush()

    def append(self, condition: str, task: str, record: Record) -> None:
        self.extend(condition, task, [record])

    def extend(self, condition: str, task: str, records: list[Record]) -> None:
        """Append a batch of records (a shard's) with one write and one flush."""
        lines = "".join(
            json.dumps({"condition": condition, "task": task, "record": asdict(record)}) + "\n"
            for record in records
        )
        with self._lock:
            self._handle.write(lines)
            self._handle.flush()
            self.appended += len(records)

    def close(self) -> None:
        """Close; a journal this run created but never wrote a sample to is removed (nothing to resume)."""
        self._handle.close()
        if self.fresh and self.appended == 0:
            self.path.unlink(missing_ok=True)


def _header_written(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.readline().endswith(b"\n")
    except FileNotFoundError:
        return False


def read_journal(path: Path, identity: dict[str, Any]) -> Done:
    """Records by (condition, task) and point id; a torn last line (killed mid-write) is ignored."""
    done: Done = {}
    if not path.exists():
        return done
    if not _header_written(path):
        return done  # not even its header was written whole (a full disk, a kill): nothing to resume
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


def open_journal(path: Path, log: RunLog) -> tuple[Journal, Done]:
    """The journal beside the run log at ``path``, and the samples it already holds (to skip on resume)."""
    identity = {"agent": log.agent.to_json(), "corpus_sha256": log.corpus["manifest_sha256"]}
    done = read_journal(journal_path(path), identity)
    return Journal(journal_path(path), identity), done
