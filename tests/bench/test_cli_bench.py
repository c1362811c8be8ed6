"""`proagent bench` and `proagent bench report` as a user runs them (subprocesses)."""

import json
import os
import re
import subprocess
from pathlib import Path

from proagentbench.devtools.model_server import ModelServer
from tests.helpers import run_proagent

ISO = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"


def _proagent(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="200")
    return run_proagent(*args, env=env, cwd=cwd, python_path=[Path(__file__).parent])


def test_bench_runs_and_reports(corpus_dir: Path, tmp_path: Path) -> None:
    runs = []
    for agent, extra in (
        ("random", ["--arg", "seed=7"]),
        ("plugin_agents:keyword", ["--arg", "keyword=error"]),
    ):
        out = tmp_path / f"{agent.replace(':', '_')}.json"
        result = _proagent(
            "bench", "--corpus", str(corpus_dir), "--agent", agent, "--task", "timing",
            "--context", "60,300", "--no-embeddings", "--resamples", "100", "--out", str(out), *extra,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "always (baseline)" in result.stdout and "never (baseline)" in result.stdout
        assert re.search(rf"run log: {re.escape(str(out))} \({ISO} to {ISO}\)", result.stdout), result.stdout
        runs.append(out)
    log = json.loads(runs[0].read_text())
    assert log["agent"] == {"name": "random", "args": {"seed": 7}}
    assert [c["context_s"] for c in log["conditions"]] == [60, 300]
    report = _proagent("bench", "report", *map(str, runs), "--out-dir", str(tmp_path / "report"))
    assert report.returncode == 0, report.stderr
    markdown = (tmp_path / "report" / "report.md").read_text()
    assert "plugin_agents:keyword(keyword=error)" in markdown and "random(seed=7)" in markdown
    assert "| **1.000 [1.00, 1.00]** |" in markdown  # the keyword agent is perfect on this corpus, and best
    page = (tmp_path / "report" / "report.html").read_text()
    assert "<table id='results'>" in page and page.count("src='data:image/png;base64,") == 2
    for plot in ("timing.png", "context_sweep.png"):
        assert (tmp_path / "report" / plot).read_bytes()[:4] == b"\x89PNG"


def test_llm_agent_from_the_command_line(corpus_dir: Path, tmp_path: Path) -> None:
    with ModelServer() as server:
        result = _proagent(
            "bench", "--corpus", str(corpus_dir), "--agent", "llm", "--base-url", server.base_url,
            "--model", "local-model", "--task", "timing", "--no-embeddings", "--concurrency", "4",
            "--cache-dir", str(tmp_path / "cache"), "--out", str(tmp_path / "llm.json"),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert len(server.requests) == 16 and server.requests[0]["model"] == "local-model"
        assert f"agent model: local-model at {server.base_url} (from --base-url)" in result.stderr
    args = json.loads((tmp_path / "llm.json").read_text())["agent"]["args"]
    assert args["model"] == "local-model" and "api_key" not in json.dumps(args)


def test_user_errors_are_one_line(corpus_dir: Path, tmp_path: Path) -> None:
    cases = [
        (
            ["--corpus", str(tmp_path / "missing"), "--agent", "always", "--out", "x.json"],
            "no such corpus",
            3,
        ),
        (["--corpus", str(corpus_dir), "--agent", "nope", "--out", "x.json"], "unknown agent 'nope'", 2),
        (
            ["--corpus", str(corpus_dir), "--agent", "always", "--out", "x.json", "--context", "30,abc"],
            "--context",
            2,
        ),
        (
            ["--corpus", str(corpus_dir), "--agent", "always", "--out", "x.json", "--memory", "dream"],
            "memory",
            2,
        ),
        (["--corpus", str(corpus_dir), "--agent", "always"], "--out are required", 2),
        (["--corpus", str(corpus_dir), "--agent", "llm", "--out", "x.json"], "pass --model NAME", 2),
        (["--corpus", str(corpus_dir), "--agent", "vlm", "--out", "x.json"], "pass --model NAME", 2),
        (
            ["--corpus", str(corpus_dir), "--agent", "always", "--out", "x.json", "--arg", "seed"],
            "KEY=VALUE",
            2,
        ),
    ]
    for args, message, code in cases:
        result = _proagent("bench", *args, cwd=tmp_path)
        assert result.returncode == code, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.strip().count("\n") == 0, result.stderr
    (tmp_path / "old.json").write_text(json.dumps({"format": "proagentbench-run", "version": 99}))
    result = _proagent("bench", "report", str(tmp_path / "old.json"))
    assert result.returncode == 3 and "version 99 is not supported" in result.stderr
