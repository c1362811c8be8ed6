import json
from pathlib import Path

import pytest

from proagentbench.benchmark.records import Condition, ContentRecord, RunLog, TimingRecord
from proagentbench.benchmark.runlog import (
    Journal,
    RunLogError,
    journal_path,
    read_journal,
    read_runlog,
    write_runlog,
)
from proagentbench.plugins import Spec


def _log() -> RunLog:
    condition = Condition(
        context_s=300,
        memory="kg",
        screenshots=0,
        timing=[TimingRecord("s@1", True, True, 0.7), TimingRecord("s@2", False, error="agent raised X")],
        content=[ContentRecord("s@1", "debug", "fix it", "debug", "try this", similarity=0.5)],
        metrics={"timing": {"agent": {"accuracy": {"value": 1.0, "ci": [1.0, 1.0]}}}},
    )
    return RunLog(
        created_at="2026-01-01T00:00:00.000Z",
        generator="proagentbench test",
        corpus={"path": "/c", "manifest_sha256": "ab", "source": "test", "format_version": 1},
        agent=Spec("random", {"seed": 1}),
        tasks=["timing", "content"],
        settings={"memory": "kg"},
        conditions=[condition],
        status="complete",
    )


def test_round_trip(tmp_path: Path) -> None:
    log = _log()
    write_runlog(log, tmp_path / "run.json")
    assert read_runlog(tmp_path / "run.json") == log
    assert log.label() == "random(seed=1)"
    assert list(tmp_path.iterdir()) == [tmp_path / "run.json"]  # no temporary file left behind
    data = json.loads((tmp_path / "run.json").read_text())
    assert (data["format"], data["version"]) == ("proagentbench-run", 1)


IMAGE = {"media_type": "image/png", "sha256": "ab", "bytes": 3}
CALL = {
    "messages": [{"role": "user", "content": [{"type": "text", "text": "t"},
                  {"type": "image_url", "image_url": IMAGE}]}],
    "reply": '{"help": true}', "mode": "json_schema", "cached": False, "latency_s": 0.25,
    "prompt_tokens": 12, "completion_tokens": 3, "requests": 1,
}  # fmt: skip


def test_a_log_with_model_calls_is_version_2_and_round_trips(tmp_path: Path) -> None:
    log = _log()
    log.conditions[0].timing[0].calls = [CALL]
    write_runlog(log, tmp_path / "run.json")
    data = json.loads((tmp_path / "run.json").read_text())
    assert data["version"] == 2 and data["conditions"][0]["timing"][0]["calls"] == [CALL]
    assert "calls" not in data["conditions"][0]["timing"][1]  # no calls: nothing written
    assert read_runlog(tmp_path / "run.json") == log


# A version 1 log as the first release wrote it (the field order of its dataclass, format and version last).
V1_LOG = """{
 "created_at": "2026-01-01T00:00:00.000Z", "generator": "proagentbench 0.1.0",
 "corpus": {"path": "/c", "manifest_sha256": "ab", "source": "export", "format_version": 1},
 "agent": {"name": "random", "args": {"seed": 1}}, "tasks": ["timing"],
 "settings": {"tasks": ["timing"], "contexts_s": [300.0], "memory": "none", "screenshots": 0,
              "embeddings": false, "judge": null, "resamples": 10, "seed": 0, "concurrency": null},
 "conditions": [{"context_s": 300.0, "memory": "none", "screenshots": 0,
   "timing": [{"point_id": "s@1", "label": true, "decision": false, "score": 0.2, "error": null}],
   "content": [], "metrics": {}}],
 "status": "complete", "finished_at": "2026-01-01T00:01:00.000Z", "notes": [],
 "format": "proagentbench-run", "version": 1
}"""


def test_a_log_written_by_the_first_release_still_reads(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text(V1_LOG)
    log = read_runlog(tmp_path / "old.json")
    assert log.agent == Spec("random", {"seed": 1}) and log.label() == "random(seed=1)"
    assert log.status == "complete"
    assert log.conditions[0].timing == [TimingRecord("s@1", True, False, 0.2)]
    write_runlog(log, tmp_path / "again.json")
    assert json.loads((tmp_path / "again.json").read_text()) == json.loads(V1_LOG)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(version=3), "run log version 3 is not supported"),
        (lambda d: d.update(format="other"), "not a proagentbench-run run log"),
        (lambda d: d.pop("agent"), "malformed run log"),
        (lambda d: d.update(agent={"args": {}}), "malformed run log .*agent: expected a name"),
        (lambda d: d["conditions"][0]["timing"][0].update(extra=1), "malformed run log"),
    ],
)
def test_bad_logs_are_refused(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    write_runlog(_log(), tmp_path / "run.json")
    data = json.loads((tmp_path / "run.json").read_text())
    edit(data)
    (tmp_path / "run.json").write_text(json.dumps(data))
    with pytest.raises(RunLogError, match=message):
        read_runlog(tmp_path / "run.json")


def test_missing_and_unreadable_logs(tmp_path: Path) -> None:
    with pytest.raises(RunLogError, match="no such run log"):
        read_runlog(tmp_path / "nope.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(RunLogError, match="unreadable run log"):
        read_runlog(tmp_path / "bad.json")


def test_journal_survives_a_torn_last_line(tmp_path: Path) -> None:
    identity = {"agent": {"name": "a", "args": {}}, "corpus_sha256": "x"}
    path = journal_path(tmp_path / "run.json")
    journal = Journal(path, identity)
    journal.append("c", "timing", TimingRecord("s@1", True, True))
    journal.append("c", "content", ContentRecord("s@1", None, "ref", None, "text"))
    journal.close()
    with path.open("a") as handle:
        handle.write('{"condition": "c", "task": "timing", "rec')  # killed mid-write
    done = read_journal(path, identity)
    assert list(done[("c", "timing")]) == ["s@1"] and list(done[("c", "content")]) == ["s@1"]
    with pytest.raises(RunLogError, match="journal of another run"):
        read_journal(path, {**identity, "corpus_sha256": "y"})
