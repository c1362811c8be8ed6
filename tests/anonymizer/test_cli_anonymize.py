"""The scrub / anonymize / verify commands: in-process through typer's runner where possible (the analyzer is
already built), and once as a real subprocess for the exit codes of the console entry point."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from proagentbench.cli.main import app
from proagentbench.plugins import PluginError
from tests.anonymizer.rawstore import RawStoreBuilder, clean_store_contents, render_screen
from tests.cli.stderr_lines import foreign_lines
from tests.helpers import run_proagent

runner = CliRunner()


def test_scrub_text_lines_and_json_spans(tmp_path: Path) -> None:
    db = tmp_path / "raw.sqlite"
    text = "Maria Keller <maria.keller@example.com>\nnothing to see\n"
    plain = runner.invoke(app, ["scrub", "--db", str(db)], input=text)
    assert plain.exit_code == 0, plain.output
    lines = plain.output.splitlines()
    assert lines[0].startswith("<PERSON_") and "<EMAIL_" in lines[0] and lines[1] == "nothing to see"
    as_json = runner.invoke(app, ["scrub", "--db", str(db), "--json"], input=text)
    first = json.loads(as_json.output.splitlines()[0])
    assert [span["entity"] for span in first["spans"]] == ["PERSON", "EMAIL_ADDRESS"]
    assert first["spans"][1]["start"] == 14 and first["text"] == lines[0]


FROZEN_AFTER_SCRUB = """
import gc, sys
from typer.testing import CliRunner
from proagentbench.cli.main import app
before = gc.get_freeze_count()
result = CliRunner().invoke(app, ["scrub", "--db", sys.argv[1]], input="Mail from Maria Keller\\n")
print(result.output.startswith("Mail from <PERSON_"), before, gc.get_freeze_count() > 10_000)
"""


def test_scrub_freezes_the_built_analyzer_for_the_collector(tmp_path: Path) -> None:
    """What lives until exit is not walked by every collection and the one at exit (a tenth of a second)."""
    result = subprocess.run(
        [sys.executable, "-c", FROZEN_AFTER_SCRUB, str(tmp_path / "raw.sqlite")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["True", "0", "True"], result.stderr


def test_scrub_rejects_non_utf8_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scrub", "--db", str(tmp_path / "raw.sqlite")], input=b"ok\n\xff\xfe bad\n")
    assert "stdin line 2 is not valid UTF-8" in str(result.exception)


def test_scrub_image(tmp_path: Path) -> None:
    source = render_screen(["mail maria.keller@example.com today"], tmp_path / "in.png", size=(700, 80))
    out = tmp_path / "out.png"
    result = runner.invoke(
        app, ["scrub", "--db", str(tmp_path / "raw.sqlite"), "--image", str(source), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_mode & 0o077 == 0


def test_unknown_policy_key_creates_nothing(tmp_path: Path) -> None:
    raw = RawStoreBuilder(tmp_path / "raw.sqlite")
    raw.add_session("s")
    raw.close()
    policy = tmp_path / "policy.toml"
    policy.write_text("imagemode = 'pii'\n")
    clean = tmp_path / "clean.sqlite"
    result = runner.invoke(
        app, ["anonymize", "--db", str(raw.db_path), "--out", str(clean), "--policy", str(policy)]
    )
    assert "unknown key(s) imagemode" in str(result.exception)
    assert not clean.exists()


def _proagent(*args: str) -> subprocess.CompletedProcess[str]:
    return run_proagent(*args, timeout=240)


def test_anonymize_then_verify_through_the_console_entry_point(tmp_path: Path) -> None:
    raw = RawStoreBuilder(tmp_path / "raw.sqlite")
    session = raw.add_session("cli-session")
    window = raw.add_window(session, 0, "xterm", "jdoe@devbox: ~/src")
    raw.type_text(session, window, 100, "ssh maria.keller@example.com")
    raw.close()
    clean = tmp_path / "clean.sqlite"
    done = _proagent("anonymize", "--db", str(raw.db_path), "-o", str(clean), "--workers", "1", "--json")
    assert done.returncode == 0, done.stderr
    assert "anonymized 1" in done.stderr
    assert foreign_lines(done.stderr) == [], done.stderr
    assert json.loads(done.stdout) == {
        "clean_store": str(clean),
        "anonymized": ["cli-session"],
        "already_done": [],
        "still_recording": [],
        "failed": [],
    }
    listed = json.loads(_proagent("sessions", "--db", str(clean), "--json").stdout)
    assert listed[0]["uid"] == "cli-session" and listed[0]["state"] == "anonymized"
    assert _proagent("verify", "--db", str(clean)).returncode == 0
    dirty = _proagent("verify", "--db", str(raw.db_path), "--json")
    assert dirty.returncode == 1
    report = json.loads(dirty.stdout)
    assert not report["clean"] and {f["entity"] for f in report["findings"]} >= {
        "EMAIL_ADDRESS",
        "KEY_CHARACTER",
    }
    assert all("maria.keller@example.com" not in f["excerpt"] for f in report["findings"]), (
        "excerpts are masked"
    )


SESSIONS = 6


def test_ctrl_c_then_rerun_resumes(tmp_path: Path) -> None:
    """A real SIGINT to `proagent anonymize` after its first commit: exit 130, whole sessions only, and a
    second run finishes the rest and skips what is done."""
    import signal
    import time

    raw = RawStoreBuilder(tmp_path / "raw.sqlite")
    # Six sessions: after the first commit the other five take seconds, so the signal lands mid-run.
    for number in range(SESSIONS):
        session = raw.add_session(f"s{number}")
        window = raw.add_window(session, 0, "xterm", f"jdoe@devbox: ~/job{number}")
        for frame in range(3):
            raw.add_screenshot(
                session,
                frame,
                [f"job {number} frame {frame}", "mail maria.keller@example.com"],
                window_id=window,
                size=(700, 120),
            )
    raw.close()
    clean = tmp_path / "clean.sqlite"
    command = [
        sys.executable,
        "-c",
        "from proagentbench.cli.main import run; run()",
        "anonymize",
        "--db",
        str(raw.db_path),
        "--out",
        str(clean),
        "--workers",
        "1",
    ]
    # A shell's background job starts with SIGINT ignored, and Python then installs no KeyboardInterrupt
    # handler: restore the default so the test holds however pytest itself was started.
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )

    def committed() -> int:
        if not clean.exists():
            return 0
        try:
            with sqlite3.connect(f"file:{clean}?mode=ro", uri=True) as connection:
                return int(connection.execute("SELECT count(*) FROM sessions").fetchone()[0])
        except sqlite3.OperationalError:
            return 0

    deadline = time.monotonic() + 180
    while committed() < 1 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=180)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    first_run = committed()
    assert 1 <= first_run < SESSIONS

    rerun = _proagent("anonymize", "--db", str(raw.db_path), "--out", str(clean), "--workers", "1")
    assert rerun.returncode == 0, rerun.stderr
    assert f"anonymized {SESSIONS - first_run}, already done {first_run}" in rerun.stderr
    assert committed() == SESSIONS


def test_inline_and_process_executors_give_identical_clean_stores(tmp_path: Path) -> None:
    raw = RawStoreBuilder(tmp_path / "raw.sqlite")
    session = raw.add_session("exec")
    window = raw.add_window(session, 0, "thunderbird", "Inbox - maria.keller@example.com")
    raw.type_text(session, window, 100, "Dear Maria Keller, password=Hunter2Secret")
    for frame in range(3):
        lines = ["Inbox - maria.keller@example.com", "Dear Maria Keller,", f"status {frame}"]
        raw.add_screenshot(session, 200 + frame, lines, window_id=window, size=(700, 120))
    raw.close()
    contents = {}
    for executor in ("inline", "process"):
        clean = tmp_path / f"{executor}.sqlite"
        arguments = ["--db", str(raw.db_path), "--out", str(clean), "--workers", "2", "--executor", executor]
        result = runner.invoke(app, ["anonymize", *arguments])
        assert result.exit_code == 0, result.output
        contents[executor] = clean_store_contents(clean)
    assert len(contents["inline"]["frame files"]) == 3
    assert contents["inline"] == contents["process"]


def test_unknown_executor_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    raw = RawStoreBuilder(tmp_path / "raw.sqlite")
    raw.add_session("s")
    raw.close()
    clean = tmp_path / "clean.sqlite"
    arguments = ["anonymize", "--db", str(raw.db_path), "--out", str(clean), "--executor", "ray-cluster"]
    result = runner.invoke(app, arguments)
    assert isinstance(result.exception, PluginError)
    message = "unknown executor 'ray-cluster'; use one of inline, process, ray, thread or module:attr"
    assert message in str(result.exception)
    console = _proagent(*arguments)
    assert console.returncode == 2 and "Traceback" not in console.stderr
    assert (
        len(console.stderr.strip().splitlines()) == 1 and "unknown executor 'ray-cluster'" in console.stderr
    )
    assert not clean.exists()


def test_cli_import_does_not_load_the_anonymizer_stack() -> None:
    code = (
        "import sys, proagentbench.cli.main; "
        "print(sorted(m for m in ('presidio_analyzer', 'spacy', 'PIL', 'pytesseract') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


def test_the_anonymizer_package_face_is_cheap_to_import() -> None:
    """Every public name is there, and importing them loads none of the heavy stack."""
    heavy = ("presidio_analyzer", "presidio_anonymizer", "spacy", "PIL", "pytesseract", "numpy", "tldextract")
    code = (
        "import sys, proagentbench.anonymizer as a; "
        "missing = [n for n in a.__all__ if not hasattr(a, n)]; "
        f"print(missing, sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[] []", result.stderr


def test_the_cli_uses_only_the_anonymizer_package_face() -> None:
    source = (Path(__file__).parents[2] / "src" / "proagentbench" / "cli" / "anonymize.py").read_text()
    assert "proagentbench.anonymizer." not in source
