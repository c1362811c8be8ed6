"""A run that cannot produce a result must not exit 0 (issue 10, defect 10): the endpoint is checked before
the first point, the commonest per-sample error is printed, and coverage below --min-coverage exits 5."""

import json
import os
import socket
import subprocess
from pathlib import Path

from proagentbench.benchmark.coverage import Coverage, require_coverage
from proagentbench.devtools.model_server import ModelServer
from proagentbench.errors import ExitCode
from tests.helpers import run_proagent

TIMING = ["--task", "timing", "--no-embeddings", "--resamples", "50"]


def _proagent(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ if env is None else env, COLUMNS="200")
    return run_proagent(*args, env=environment, python_path=[Path(__file__).parent])


def _error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    [line] = [line for line in done.stderr.splitlines() if line.startswith("proagent: error: ")]
    return line.removeprefix("proagent: error: ")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_no_api_key_is_one_line_before_anything_runs(corpus_dir: Path, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "OPENAI_API_KEY"}
    out = tmp_path / "run.json"
    done = _proagent(
        "bench",
        "--corpus",
        str(corpus_dir),
        "--agent",
        "llm",
        "--model",
        "m",
        *TIMING,
        "--out",
        str(out),
        env=env,
    )
    assert done.returncode == ExitCode.ENVIRONMENT
    assert _error_line(done).startswith("no API key: set $OPENAI_API_KEY")
    assert not out.exists() and not list(tmp_path.iterdir()), "nothing ran, nothing was written"


def test_an_endpoint_that_is_down_is_one_line_before_anything_runs(corpus_dir: Path, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    out = tmp_path / "run.json"
    done = _proagent(
        "bench", "--corpus", str(corpus_dir), "--agent", "llm", "--base-url", url, "--model", "m",
        "--no-cache", *TIMING, "--out", str(out),
    )  # fmt: skip
    assert done.returncode == ExitCode.ENVIRONMENT
    assert _error_line(done).startswith(f"cannot reach the model endpoint {url} (")
    assert not out.exists()


def test_the_endpoint_is_checked_with_one_request_that_costs_no_tokens(
    corpus_dir: Path, tmp_path: Path
) -> None:
    with ModelServer() as server:
        done = _proagent(
            "bench", "--corpus", str(corpus_dir), "--agent", "llm", "--base-url", server.base_url,
            "--model", "m", "--no-cache", *TIMING, "--out", str(tmp_path / "run.json"),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert server.model_list_requests == 1 and len(server.requests) == 16


def test_an_endpoint_that_fails_every_sample_exits_5_with_the_commonest_error(
    corpus_dir: Path, tmp_path: Path
) -> None:
    with ModelServer(default="server_error") as server:
        out = tmp_path / "run.json"
        done = _proagent(
            "bench", "--corpus", str(corpus_dir), "--agent", "llm", "--base-url", server.base_url,
            "--model", "m", "--no-cache", "--arg", "max_attempts=1", *TIMING, "--out", str(out),
        )  # fmt: skip
    assert done.returncode == ExitCode.BELOW_COVERAGE
    assert _error_line(done) == (
        "0 of 16 samples answered (0%); commonest error: agent raised ModelCallError: "
        "model call failed after 1 attempts: InternalServerError (HTTP 500: internal error) "
        "(16 of 16 samples)"
    )
    log = json.loads(out.read_text())
    assert log["status"] == "complete", "the run log is written all the same; a rerun retries the failures"


def test_an_agent_that_raises_exits_5_below_min_coverage(corpus_dir: Path, tmp_path: Path) -> None:
    common = ["bench", "--corpus", str(corpus_dir), "--agent", "plugin_agents:flaky", *TIMING]
    below = _proagent(*common, "--out", str(tmp_path / "a.json"))
    assert below.returncode == ExitCode.BELOW_COVERAGE
    assert _error_line(below) == (
        "11 of 16 samples answered (69%), below --min-coverage 0.9; "
        "commonest error: agent raised RuntimeError: agent bug (5 of 16 samples)"
    )
    above = _proagent(*common, "--min-coverage", "0.5", "--out", str(tmp_path / "b.json"))
    assert above.returncode == 0, above.stderr
    assert "note: 5 sample(s) failed; commonest error: agent raised RuntimeError: agent bug" in above.stderr


def test_no_answered_sample_fails_whatever_the_threshold() -> None:
    from collections import Counter

    import pytest

    from proagentbench.benchmark.coverage import CoverageError

    nothing = Coverage(samples=4, answered=0, errors=Counter({"agent raised X: y": 4}))
    with pytest.raises(
        CoverageError, match=r"^0 of 4 samples answered \(0%\); commonest error: agent raised X"
    ):
        require_coverage(nothing, 0.0)
    require_coverage(Coverage(samples=4, answered=1, errors=Counter({"e": 3})), 0.25)
    with pytest.raises(CoverageError, match="below --min-coverage 0.3"):
        require_coverage(Coverage(samples=4, answered=1, errors=Counter({"e": 3})), 0.3)


def test_a_journal_whose_header_a_full_disk_cut_short_is_started_again(tmp_path: Path) -> None:
    from proagentbench.benchmark.records import RunLog, TimingRecord
    from proagentbench.benchmark.runlog import journal_path, open_journal
    from proagentbench.plugins import Spec

    log = RunLog("t", "g", {"manifest_sha256": "abc", "path": "c"}, Spec("always"), ["timing"], {})
    out = tmp_path / "run.json"
    journal_path(out).write_text('{"run": {"agent": {"name": "alw')  # the disk filled mid-header
    journal, done = open_journal(out, log)
    assert done == {}
    journal.append("c", "timing", TimingRecord(point_id="p1", label=True, decision=True))
    journal.close()
    _, again = open_journal(out, log)
    assert list(again.get(("c", "timing"), {})) == ["p1"]
