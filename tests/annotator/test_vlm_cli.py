"""`proagent annotate --method vlm` as a user runs it: usage errors and the endpoint check in one line before
any work, OPENAI_BASE_URL honoured and recorded, a budget that stops the run and says so, tokens counted."""

import json
import os
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from proagentbench.cli.main import run
from proagentbench.devtools.llama_server import free_port
from proagentbench.devtools.model_server import ModelServer
from tests.helpers import run_proagent


def _annotations(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM annotations").fetchone()[0])


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    return {**env, **extra}


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("proagent: error: "), stderr
    return lines[0]


@pytest.mark.parametrize(
    ("flags", "code", "message"),
    [
        (["--method", "vlm"], 2, "--method vlm needs --model NAME"),
        (["--method", "heuristic", "--model", "m"], 2, "--model: only for a model-backed annotator"),
        (["--method", "heuristic", "--max-requests", "3"], 2, "--max-requests 3: only for a model-backed"),
        (["--method", "vlm", "--model", "m"], 4, "no API key: set $OPENAI_API_KEY"),
        (["--method", "vlm", "--model", "m", "--base-url", "URL", "--api-key-env", "NOPE_KEY"], 4,
         "no API key: $NOPE_KEY (named by --api-key-env) is not set"),
        (["--method", "vlm", "--model", "m", "--base-url", "DOWN"], 4, "cannot reach the model endpoint"),
        (["--method", "vlm", "--model", "m", "--base-url", "URL", "--max-cost", "1"], 2,
         "--max-cost: no price for model 'm'"),
        (["--method", "vlm", "--model", "m", "--base-url", "URL", "--max-requests", "3", "--executor",
          "process"], 2, "--max-requests 3: only with --executor inline or thread"),
    ],
)  # fmt: skip
def test_refuses_in_one_line_before_any_work(
    clean: Path,
    tmp_path: Path,
    flags: list[str],
    code: int,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Through the CLI's own entry point and error boundary, in this process (a subprocess each would cost
    seconds; `test_a_process_refuses_an_unreachable_endpoint` runs one)."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "NOPE_KEY"):
        monkeypatch.delenv(name, raising=False)
    with ModelServer() as server:
        down = f"http://127.0.0.1:{free_port()}/v1"
        flags = [server.base_url if f == "URL" else down if f == "DOWN" else f for f in flags]
        config = tmp_path / "config.toml"  # no config file, no price table
        monkeypatch.setattr(sys, "argv", ["proagent", "annotate", "--db", str(clean), "--config", str(config),
                                          *flags])  # fmt: skip
        with pytest.raises(SystemExit) as ended:
            run()
    assert ended.value.code == code
    assert message in _one_line(capsys.readouterr().err)
    assert server.requests == [] and server.model_list_requests == 0 and _annotations(clean) == 0


def test_a_process_refuses_an_unreachable_endpoint(clean: Path, tmp_path: Path) -> None:
    down = f"http://127.0.0.1:{free_port()}/v1"
    flags = ["--method", "vlm", "--model", "m", "--base-url", down, "--config", str(tmp_path / "none.toml")]
    result = run_proagent("annotate", "--db", str(clean), *flags, env=_env())
    assert result.returncode == 4
    assert f"cannot reach the model endpoint {down}" in _one_line(result.stderr)
    assert _annotations(clean) == 0


def test_budget_base_url_from_the_environment_and_token_accounting(clean: Path, tmp_path: Path) -> None:
    prices = tmp_path / "prices.toml"  # beside the config file: found without --prices
    prices.write_text('[models."v"]\ninput = 2.5\noutput = 10.0\n')
    with ModelServer() as server:
        args = ["--method", "vlm", "--model", "v", "--max-requests", "15", "--arg", "max_frames=0"]
        args += ["--arg", f"cache_dir={json.dumps(str(tmp_path / 'cache'))}"]
        config = ["--db", str(clean), "--config", str(tmp_path / "config.toml")]
        url = server.base_url
        result = run_proagent("annotate", *config, *args, env=_env(OPENAI_BASE_URL=url))
    assert result.returncode == 0, result.stderr
    assert server.model_list_requests == 1 and len(server.requests) == 15
    assert "annotated 1 session(s) with vlm:v:vlm-v1" in result.stdout
    line = r"15 request\(s\), 0 from the cache, 0 failed; (\d+) prompt \+ (\d+) completion tokens; "
    usage = re.search(line + r"cost \$(\S+)", result.stdout)
    assert usage is not None, result.stdout
    prompt, completion, cost = int(usage[1]), int(usage[2]), float(usage[3])
    assert prompt > 0 and cost == round((prompt * 2.5 + completion * 10.0) / 1e6, 4) > 0
    stopped = "stopped at the budget (--max-requests 15) with 3 session(s) not labelled yet"
    assert stopped in result.stderr and "run the same command again" in result.stderr
    with sqlite3.connect(clean) as connection:
        recorded = {json.loads(d)["annotator"]["args"]["base_url"] for (d,) in connection.execute(
            "SELECT data FROM annotations")}  # fmt: skip
    assert recorded == {url}  # $OPENAI_BASE_URL is recorded, so the spec rebuilds the labels
