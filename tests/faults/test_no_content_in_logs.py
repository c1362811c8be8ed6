"""No error text carries captured content (issue 10, defect 2): a batch the store rejects is reported by the
database's reason, never by SQLAlchemy's parameter dump of the rows (typed text included)."""

import logging
from pathlib import Path

import pytest
from sqlalchemy import insert

from proagentbench.recorder.runner import _log_write_error
from proagentbench.store import Event, Session, StoreWriter, db_error_reason, open_store, session_row

SECRET = "hunter2-correct-horse-battery"


def test_a_rejected_batch_is_reported_without_its_rows(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = open_store(tmp_path / "raw.sqlite", create=True)
    with engine.begin() as connection:
        connection.execute(insert(Session).values(session_row(uid="s", user="u", started_at=1)))
    errors: list[BaseException] = []
    writer = StoreWriter(engine, on_error=errors.append).start()
    # A window that does not exist: the foreign key rejects the whole batch, typed text and all.
    writer.add("events", {"session_id": 1, "t": 2, "kind": "text", "window_id": 999, "text": SECRET})
    writer.flush()
    writer.close()
    assert writer.error is not None and errors == [writer.error]
    assert SECRET not in str(writer.error), "SQLAlchemy must not render the rows' parameters"
    reason = db_error_reason(writer.error)
    assert reason == "FOREIGN KEY constraint failed"
    with caplog.at_level(logging.ERROR):
        _log_write_error(writer.error)
    assert "FOREIGN KEY constraint failed" in caplog.text and SECRET not in caplog.text
    with engine.connect() as connection:
        assert connection.execute(Event.__table__.select()).all() == []
    engine.dispose()
