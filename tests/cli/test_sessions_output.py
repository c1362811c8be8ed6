"""`proagent sessions` prints whole ISO 8601 timestamps at any width, in a table or one record per session."""

import re
from pathlib import Path

import pytest
from sqlalchemy import insert
from typer.testing import CliRunner

from proagentbench.cli.main import app
from proagentbench.store import Session, open_store, session_row

runner = CliRunner()
STARTED = 1_764_000_000_123_000  # 2025-11-24T16:00:00.123Z
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


@pytest.fixture
def store(store_path: Path) -> Path:
    engine = open_store(store_path, create=True)
    with engine.begin() as connection:
        for number, user in enumerate(("alice-with-a-long-pseudonym", "bob")):
            started = STARTED + number * 3_600_000_000
            row = session_row(uid=f"u{number}", user=user, started_at=started, ended_at=started + 60_000_000)
            connection.execute(insert(Session).values(row))
        connection.execute(insert(Session).values(session_row(uid="open", user="carol", started_at=STARTED)))
    engine.dispose()
    return store_path


@pytest.mark.parametrize("columns", ["80", "60", "200"])
def test_sessions_table_keeps_every_timestamp_whole(store: Path, columns: str) -> None:
    result = runner.invoke(app, ["sessions", "--db", str(store)], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    text = result.output
    assert "…" not in text
    assert ISO.findall(text) == [
        "2025-11-24T16:00:00.123Z",
        "2025-11-24T16:01:00.123Z",
        "2025-11-24T17:00:00.123Z",
        "2025-11-24T17:01:00.123Z",
        "2025-11-24T16:00:00.123Z",
    ]
    for value in ("alice-with-a-long-pseudonym", "bob", "carol", "recording", "raw"):
        assert value in text
