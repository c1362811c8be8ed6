"""`proagent status` names the start of the running session in ISO 8601, as text and as JSON."""

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from proagentbench.cli.main import app
from proagentbench.recorder.control import RecorderLock, RecorderStatus

STARTED = 1_764_000_000_123_000


def test_status_prints_iso_timestamps(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lock = RecorderLock.acquire(data)  # held as a running recorder holds it
    status = RecorderStatus(os.getpid(), str(data / "raw.sqlite"), str(data), 3, "u3", STARTED, "x11")
    lock.write_status(status)
    runner = CliRunner()
    try:
        text = runner.invoke(app, ["status", "--data-dir", str(data)])
        as_json = runner.invoke(app, ["status", "--data-dir", str(data), "--json"])
    finally:
        lock.release()
    assert text.exit_code == 0 and as_json.exit_code == 0, text.output + as_json.output
    assert "session 3 since 2025-11-24T16:00:00.123Z" in text.stdout
    assert json.loads(as_json.stdout)["started_at"] == "2025-11-24T16:00:00.123Z"
