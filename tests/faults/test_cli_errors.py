"""The CLI's one error boundary (issue 10, defect 9): every known failure is one line on stderr and its
documented exit code, through the real console entry point; nothing is lost, and a rerun completes."""

import hashlib
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from proagentbench.cli.errors import DEBUG_ENV, describe, report
from proagentbench.errors import ExitCode, StoreError
from proagentbench.store import open_store
from tests.anonymizer.rawstore import RawStoreBuilder
from tests.bench.corpus_builder import two_user_corpus
from tests.export.conftest import StoreSpec, build_clean_store
from tests.faults.conditions import FULL_DISK_KINDS, full_disk, read_only
from tests.helpers import run_proagent

ROOT = Path(__file__).resolve().parents[2]
SCANNER = "tests.export.scanners:planted"
CORRUPT = "the store is corrupt (database disk image is malformed)"


def _proagent(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_proagent(*args, env=env, cwd=ROOT, timeout=240)


def _one_line(done: subprocess.CompletedProcess[str], code: int, *messages: str) -> None:
    """Exit ``code``, and stderr's last line is the one error line holding every message; no traceback."""
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "[SQL" not in done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("proagent: error: ")]
    assert len(errors) == 1, done.stderr
    assert all(message in errors[0] for message in messages), done.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _corrupt_pages(db: Path) -> None:
    """Keep the header page intact and overwrite every third page after it, as a failing disk would."""
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    data = bytearray(db.read_bytes())
    for page in range(2, len(data) // page_size, 3):
        data[page * page_size : (page + 1) * page_size] = b"\xa5" * page_size
    db.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def corrupt_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = build_clean_store(
        tmp_path_factory.mktemp("corrupt") / "clean.sqlite", StoreSpec(events_per_session=400)
    )
    _corrupt_pages(db)
    assert db.read_bytes()[:16] == b"SQLite format 3\x00", "the header is fine"
    return db


@pytest.mark.parametrize(
    "command",
    [
        ["sessions", "--json"],
        ["verify", "--no-images"],
        ["annotate"],
        ["export", "--scanner", SCANNER, "--out", "{tmp}/corpus"],
    ],
    ids=lambda command: command[0],
)
def test_a_store_with_corrupt_pages_is_one_line_and_left_as_it_was(
    corrupt_db: Path, tmp_path: Path, command: list[str]
) -> None:
    before = _digest(corrupt_db)
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in command]
    done = _proagent(args[0], "--db", str(corrupt_db), *args[1:])
    _one_line(done, ExitCode.BAD_INPUT, str(corrupt_db), CORRUPT)
    assert _digest(corrupt_db) == before
    assert not (tmp_path / "corpus").exists() and not list(tmp_path.glob(".corpus*"))


def test_a_read_only_store_is_one_line_for_annotate(tmp_path: Path) -> None:
    db = build_clean_store(tmp_path / "store" / "clean.sqlite")
    # A store a reader still holds open: its -wal and -shm are there, so opening it succeeds and the
    # first write is what fails.
    holder = sqlite3.connect(db)
    holder.execute("SELECT count(*) FROM annotations").fetchone()
    labels = holder.execute("SELECT id, source FROM annotations ORDER BY id").fetchall()
    try:
        with read_only(db.parent):
            done = _proagent("annotate", "--db", str(db))
    finally:
        holder.close()
    _one_line(done, ExitCode.ENVIRONMENT, str(db), "not writable", "readonly database")
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT id, source FROM annotations ORDER BY id").fetchall() == labels
    connection.close()


@pytest.mark.parametrize("kind", FULL_DISK_KINDS)
def test_a_full_disk_in_export_leaves_nothing_and_a_rerun_completes(tmp_path: Path, kind: str) -> None:
    db = build_clean_store(tmp_path / "clean" / "clean.sqlite")
    reference = _proagent(
        "export", "--db", str(db), "--out", str(tmp_path / "reference"), "--scanner", SCANNER
    )
    assert reference.returncode == 0, reference.stderr
    with full_disk(tmp_path / "disk", kind) as disk:
        out = disk.folder / "corpus"
        done = _proagent("export", "--db", str(db), "--out", str(out), "--scanner", SCANNER, env=disk.env)
        _one_line(done, ExitCode.ENVIRONMENT, str(disk.folder), "disk full (No space left on device)")
        assert not out.exists() and not list(disk.folder.glob(".corpus*")), "no partial corpus is left"
        rerun = _proagent("export", "--db", str(db), "--out", str(out), "--scanner", SCANNER, env=disk.free())
        assert rerun.returncode == 0, rerun.stderr
        assert _tables(out) == _tables(tmp_path / "reference")


def _tables(corpus: Path) -> dict[str, str]:
    files = json.loads((corpus / "manifest.json").read_text())["files"]
    return {name: entry["sha256"] for name, entry in files.items() if name.endswith((".parquet", ".png"))}


@pytest.mark.parametrize("kind", FULL_DISK_KINDS)
def test_a_full_disk_in_bench_is_one_line_and_a_rerun_completes(tmp_path: Path, kind: str) -> None:
    corpus = two_user_corpus(tmp_path / "corpus")
    common = ["--corpus", str(corpus), "--agent", "random", "--task", "timing", "--no-embeddings"]
    reference = _proagent("bench", *common, "--resamples", "50", "--out", str(tmp_path / "reference.json"))
    assert reference.returncode == 0, reference.stderr
    with full_disk(tmp_path / "disk", kind) as disk:
        out = disk.folder / "run.json"
        done = _proagent("bench", *common, "--resamples", "50", "--out", str(out), env=disk.env)
        _one_line(done, ExitCode.ENVIRONMENT, str(disk.folder), "disk full (No space left on device)")
        assert not out.exists()
        rerun = _proagent("bench", *common, "--resamples", "50", "--out", str(out), env=disk.free())
        assert rerun.returncode == 0, rerun.stderr
        assert _conditions(out) == _conditions(tmp_path / "reference.json")


def _conditions(run: Path) -> object:
    return json.loads(run.read_text())["conditions"]


def _wrong_schema_corpus(root: Path, table: str) -> Path:
    """A corpus whose manifest is consistent (sha256 and size match) but whose table is another tool's."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    corpus = two_user_corpus(root)
    target = corpus / table / "test.parquet"
    pq.write_table(pa.table({"point_id": ["a", "b"], "label": ["yes", "no"]}), target)
    manifest = json.loads((corpus / "manifest.json").read_text())
    manifest["files"][f"{table}/test.parquet"] = {"sha256": _digest(target), "bytes": target.stat().st_size}
    (corpus / "manifest.json").write_text(json.dumps(manifest))
    return corpus


@pytest.mark.parametrize("table", ["timing", "events"])
def test_a_table_of_a_foreign_schema_is_one_line_for_bench_and_stats(tmp_path: Path, table: str) -> None:
    corpus = _wrong_schema_corpus(tmp_path / "corpus", table)
    message = f"{table}/test.parquet: not the {table} table of this corpus format (no column session_uid"
    _one_line(_proagent("stats", str(corpus)), ExitCode.BAD_INPUT, message)
    out = tmp_path / "run.json"
    bench = _proagent(
        "bench", "--corpus", str(corpus), "--agent", "always", "--no-embeddings", "--out", str(out)
    )
    _one_line(bench, ExitCode.BAD_INPUT, message)
    assert not out.exists()


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        (
            "tests.plugin_fixtures.broken_at_import:factory",
            "importing module 'tests.plugin_fixtures.broken_at_import' failed "
            "(RuntimeError: this plugin module is broken at import)",
        ),
        (
            "tests.plugin_fixtures.components:fails_to_build",
            "could not be built (RuntimeError: the plugin's factory is broken)",
        ),
    ],
    ids=["import", "factory"],
)
def test_a_plugin_failing_at_import_or_in_its_factory_is_one_line(
    tmp_path: Path, reference: str, message: str
) -> None:
    corpus = two_user_corpus(tmp_path / "corpus")
    out = tmp_path / "run.json"
    bench = _proagent("bench", "--corpus", str(corpus), "--agent", reference, "--out", str(out))
    _one_line(bench, ExitCode.USAGE, f"agent {reference!r}", message)
    db = build_clean_store(tmp_path / "clean.sqlite")
    before = _digest(db)
    annotate = _proagent("annotate", "--db", str(db), "--method", reference)
    _one_line(annotate, ExitCode.USAGE, f"annotator {reference!r}", message)
    assert _digest(db) == before and not out.exists()


def test_a_session_failing_in_anonymize_is_one_line_without_its_statement(tmp_path: Path) -> None:
    secret = "typed-secret-4711"
    raw = RawStoreBuilder(tmp_path / "raw" / "raw.sqlite")
    session = raw.add_session("second")
    raw.type_text(session, raw.add_window(session, 0, "xterm", "shell"), 100, f"echo {secret}")
    raw.close()
    clean = tmp_path / "clean" / "clean.sqlite"
    open_store(clean, create=True).dispose()
    with sqlite3.connect(clean) as connection:  # the clean store rejects every event row
        connection.execute(
            "CREATE TRIGGER reject BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'rejected by test'); END"
        )
    connection.close()
    wide = dict(os.environ, COLUMNS="300")  # the report is one line however narrow the terminal
    done = _proagent("anonymize", "--db", str(raw.db_path), "--out", str(clean), "--workers", "1", env=wide)
    assert done.returncode == ExitCode.FAILURE, done.stderr
    assert "Traceback" not in done.stderr and "[SQL" not in done.stderr and "INSERT" not in done.stderr
    assert secret not in done.stderr
    failed = [line.strip() for line in done.stderr.splitlines() if "failed second" in line]
    assert failed == ["failed second: IntegrityError: rejected by test (left in the raw store; not written)"]


def test_an_unexpected_error_is_one_line_with_the_debug_hint(tmp_path: Path) -> None:
    lines: list[str] = []
    code = report(ZeroDivisionError("division by zero"), lines.append)
    assert code == ExitCode.FAILURE
    assert lines == [
        "proagent: error: unexpected error: ZeroDivisionError: division by zero "
        f"(a bug; set {DEBUG_ENV}=1 to see the traceback)"
    ]


def test_the_traceback_is_shown_only_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing() -> None:
        raise ZeroDivisionError("division by zero")

    try:
        failing()
    except ZeroDivisionError as exc:
        caught = exc
    monkeypatch.setenv(DEBUG_ENV, "1")
    lines: list[str] = []
    report(caught, lines.append)
    assert lines[0].startswith("Traceback (most recent call last):") and "in failing" in lines[0]
    assert lines[-1].startswith("proagent: error: unexpected error: ZeroDivisionError")


@pytest.mark.parametrize(
    ("error", "code", "line"),
    [
        (OSError(28, "No space left on device", "/d/out.json"), 4, "/d/out.json: disk full"),
        (OSError(30, "Read-only file system", "/ro/x"), 4, "/ro/x: not writable (Read-only file system)"),
        (sqlite3.OperationalError("database or disk is full"), 4, "disk full (database or disk is full)"),
        (sqlite3.DatabaseError("file is not a database"), 3, "the store is corrupt (file is not a database)"),
        (sqlite3.OperationalError("attempt to write a readonly database"), 4, "not writable"),
        (OSError(2, "No such file or directory", "/x"), 1, "unexpected error: FileNotFoundError"),
    ],
)
def test_failures_are_classified_by_their_errno_or_sqlite_code(
    error: BaseException, code: int, line: str
) -> None:
    failure = describe(error)
    assert failure.code == code and failure.message.startswith(line), failure


def test_an_environment_cause_decides_the_code_of_a_store_error() -> None:
    try:
        try:
            raise OSError(28, "No space left on device")
        except OSError as exc:
            raise StoreError(f"/d/raw.sqlite: cannot be created ({exc.strerror})") from None
    except StoreError as exc:
        wrapped = exc
    assert describe(wrapped).code == ExitCode.ENVIRONMENT
    assert describe(StoreError("/d/raw.sqlite: no such store")).code == ExitCode.BAD_INPUT
