"""The VLM annotator against the local OpenAI-compatible server: clean store only, frames downscaled, the
structured reply kept for audit, failures counted and never guessed, a rerun answered from the cache."""

import base64
import io
import json
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from proagentbench.annotator import INTENTS, TimelineEvent, annotate_store, build_annotator
from proagentbench.annotator.vlm_context import candidates, summary_lines
from proagentbench.devtools.model_server import ModelServer
from proagentbench.models.capabilities import forget_all
from proagentbench.plugins import Spec
from proagentbench.store import NotAnonymizedError
from tests.helpers import run_proagent


def _vlm_rows(db: Path) -> list[tuple[int, bool, str, str | None, str | None, float, dict[str, object]]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT t, label, kind, intent, content, confidence, data FROM annotations "
            "WHERE source = 'vlm:v:vlm-v1' AND kind != 'privacy' ORDER BY session_id, t"
        ).fetchall()
    return [(*row[:6], json.loads(row[6])) for row in rows]


def _args(server: ModelServer, tmp_path: Path, **extra: object) -> dict[str, object]:
    return {"base_url": server.base_url, "model": "v", "cache_dir": str(tmp_path / "cache"), **extra}


def test_labels_with_frames_and_an_audit_trail(clean: Path, tmp_path: Path) -> None:
    with ModelServer() as server:
        totals = annotate_store(clean, Spec("vlm", _args(server, tmp_path, max_frames=2, max_side=64)))
    rows = _vlm_rows(clean)
    assert totals["positives"] + totals["negatives"] == len(rows) == len(server.requests) > 0
    assert totals["failed"] == 0 and totals["positives"] > 0
    for _t, label, kind, intent, content, confidence, data in rows:
        assert kind == ("positive" if label else "negative")
        assert (intent in INTENTS and content) if label else (intent is None and content is None)
        assert 0.0 <= confidence <= 1.0
        assert data["prompt_version"] == "vlm-v1" and data["model"] == "v"
        assert data["response_format"] == "json_schema" and data["rationale"]
        assert json.loads(str(data["raw_reply"]))["need_assist"] == label
        assert data["annotator"]["name"] == "vlm"  # type: ignore[index]
    first = server.requests[0]
    assert "TASK: annotate" in first["messages"][0]["content"]
    images = [
        part["image_url"]["url"]
        for body in server.requests
        for part in (
            body["messages"][1]["content"] if isinstance(body["messages"][1]["content"], list) else []
        )
        if part["type"] == "image_url"
    ]
    assert images and all(url.startswith("data:image/png;base64,") for url in images)
    sizes = {Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).size for url in images}
    assert all(max(size) <= 64 for size in sizes)  # downscaled
    assert first["response_format"]["json_schema"]["schema"]["properties"]["intent"]["enum"] == list(INTENTS)


def test_a_rerun_is_answered_from_the_cache(clean: Path, tmp_path: Path) -> None:
    with ModelServer() as server:
        annotate_store(clean, Spec("vlm", _args(server, tmp_path)))
        first = _vlm_rows(clean)
        sent = len(server.requests)
        forget_all()  # as a new process would
        annotate_store(clean, Spec("vlm", _args(server, tmp_path)))
        assert len(server.requests) == sent
    assert [row[:6] for row in _vlm_rows(clean)] == [row[:6] for row in first]


def test_failed_replies_are_counted_never_guessed(clean: Path, tmp_path: Path) -> None:
    with ModelServer(default="malformed") as server:
        totals = annotate_store(clean, Spec("vlm", _args(server, tmp_path, use_cache=False, concurrency=1)))
    assert totals["positives"] == totals["negatives"] == 0 and totals["failed"] > 0
    assert _vlm_rows(clean) == []


def test_a_text_only_server_gets_text(clean: Path, tmp_path: Path) -> None:
    with ModelServer(vision=False) as server:
        args = _args(server, tmp_path, use_cache=False, concurrency=1)
        totals = annotate_store(clean, Spec("vlm", args))
    assert totals["failed"] == 0 and totals["positives"] > 0
    sent = [type(body["messages"][1]["content"]) for body in server.requests]
    assert sent[0] is list and set(sent[1:]) == {str}  # refused once, then text only


def test_raw_sessions_are_refused_before_any_request(sample_raw: Path, tmp_path: Path) -> None:
    with ModelServer() as server, pytest.raises(NotAnonymizedError):
        annotate_store(sample_raw, Spec("vlm", _args(server, tmp_path)))
    assert server.requests == []


def test_bad_arguments_are_clear() -> None:
    with pytest.raises(Exception, match="unknown prompt version 'v9'"):
        build_annotator(Spec("vlm", {"model": "m", "prompt_version": "v9"}))
    with pytest.raises(Exception, match="max_frames >= 0"):
        build_annotator(Spec("vlm", {"model": "m", "max_frames": -1}))


def test_candidates_and_summary() -> None:
    s = 1_000_000
    timeline = [
        TimelineEvent(0, "window_focus", "editor", "main.py", None),
        TimelineEvent(10 * s, "text", "editor", "", "def main():"),
        TimelineEvent(300 * s, "window_focus", "terminal", "bash", None),
        TimelineEvent(310 * s, "window_focus", "terminal", "bash", None),  # same app: no boundary
        TimelineEvent(400 * s, "window_focus", "browser", "docs", None),
    ]
    moments = candidates(timeline, every_s=120)
    assert [(m.t, m.app) for m in moments] == [
        (120 * s, "editor"), (240 * s, "editor"), (300 * s - 1, "editor"), (400 * s - 1, "terminal"),
    ]  # fmt: skip
    assert summary_lines(timeline, 300 * s - 1, window_s=295, max_lines=10) == [
        "[-290s] typed in editor: def main():"
    ]


def test_cli_method_vlm(clean: Path, tmp_path: Path) -> None:
    with ModelServer() as server:
        args = ["--arg", f"base_url={json.dumps(server.base_url)}", "--arg", 'model="v"']
        args += ["--arg", f"cache_dir={json.dumps(str(tmp_path / 'cache'))}"]
        result = run_proagent("annotate", "--db", str(clean), "--method", "vlm", *args, "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["annotator"]["name"] == "vlm" and out["positives"] > 0 and out["failed"] == 0
