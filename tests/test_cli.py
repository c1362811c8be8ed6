import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proagentbench.cli.main import app
from tests.helpers import run_proagent

runner = CliRunner()


def _proagent(*args: str) -> subprocess.CompletedProcess[str]:
    return run_proagent(*args, timeout=60)


def _command_names() -> list[str]:
    import typer.main

    group = typer.main.get_group(app)
    return sorted(group.commands)


@pytest.mark.parametrize("command", _command_names())
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_every_command_is_documented_in_docs_cli() -> None:
    cli_doc = (Path(__file__).parents[1] / "docs" / "cli.md").read_text()
    for command in _command_names():
        assert f"proagent {command}" in cli_doc, f"docs/cli.md does not document `proagent {command}`"


def test_sessions_json_lists_sessions(store_path: Path) -> None:
    from sqlalchemy import insert

    from proagentbench.store import Session, open_store, session_row

    engine = open_store(store_path, create=True)
    with engine.begin() as connection:
        connection.execute(
            insert(Session).values(session_row(uid="u1", user="alice", started_at=1_700_000_000_000_000))
        )
    engine.dispose()
    result = _proagent("sessions", "--db", str(store_path), "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert listed[0]["state"] == "raw" and listed[0]["counts"] == {}
    assert set(listed[0]) >= {"id", "started_at", "ended_at", "state", "counts", "screenshots", "annotations"}


def test_user_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("garbage")
    result = _proagent("sessions", "--db", str(bad))
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0
    assert "Traceback" not in result.stderr and "not a SQLite database" in result.stderr
    assert bad.read_text() == "garbage"
