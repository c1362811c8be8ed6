import json
import os
import signal
import subprocess
import time
from pathlib import Path

from tests.cli.stderr_lines import foreign_lines
from tests.export.conftest import SECRET, StoreSpec, build_clean_store
from tests.helpers import PROAGENT, run_proagent

ROOT = Path(__file__).resolve().parents[2]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")])
    env.update(extra)
    return env


def _command(*args: str) -> list[str]:
    return [*PROAGENT, *args]


def _proagent(*args: str) -> subprocess.CompletedProcess[str]:
    return run_proagent(*args, env=_env(), cwd=ROOT)


def _no_leftovers(parent: Path) -> bool:
    return not [p for p in parent.iterdir() if p.name.startswith(".corpus")]


def test_export_then_stats_with_json_and_plots(clean_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    scanner = "tests.export.scanners:planted"
    done = _proagent(
        "export", "--db", str(clean_db), "--out-dir", str(out), "--scanner", scanner, "--seed", "2",
        "--language", "fr", "--language", "en",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout and "timing 24" in done.stdout
    assert foreign_lines(done.stderr) == [], done.stderr
    assert 'language:\n- "fr"\n- "en"\n' in (out / "README.md").read_text()
    stats = _proagent("stats", str(out), "--json", "--plots", str(tmp_path / "plots"))
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert data["sessions"] == 6 and data["users"] == 3 and data["decision_points"] == 24
    assert data["positives"] == 12 and data["positive_rate"] == 0.5
    assert data["events_by_kind"]["key_press"] == 6 * 10
    assert data["intents"] == {"debugging": 6, "search": 6}
    assert data["inter_event"]["excluded_kinds"] == ["key_release", "mouse_move"]
    assert -1 <= data["inter_event"]["burstiness"] <= 1
    plots = sorted(Path(p).name for p in data["plots"])
    assert plots == ["events_by_kind.png", "intents.png", "inter_event_times.png", "label_balance.png"]
    assert all((tmp_path / "plots" / name).read_bytes()[:4] == b"\x89PNG" for name in plots)
    table = _proagent("stats", str(out))
    assert table.returncode == 0 and "burstiness B" in table.stdout
    assert "…" not in table.stdout
    for name, split in data["splits"].items():
        line = f"{split['sessions']} sessions, {split['users']} users, {split['decision_points']} points"
        assert f"split {name}" in table.stdout and line in table.stdout


def test_export_json_is_the_whole_stdout(clean_db: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from proagentbench.cli.main import app

    out = tmp_path / "corpus"
    args = [
        "export",
        "--db",
        str(clean_db),
        "--out-dir",
        str(out),
        "--scanner",
        "tests.export.scanners:planted",
    ]
    done = CliRunner().invoke(app, [*args, "--json"])
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    manifest = json.loads((out / "manifest.json").read_text())
    assert summary == {"out": str(out), "counts": manifest["counts"], "warnings": []}


def test_export_residual_pii_prints_report_and_removes_output(tmp_path: Path) -> None:
    db = build_clean_store(tmp_path / "clean" / "clean.sqlite", StoreSpec(planted_title=f"Mail {SECRET}"))
    out = tmp_path / "corpus"
    done = _proagent(
        "export", "--db", str(db), "--out", str(out), "--scanner", "tests.export.scanners:planted"
    )
    assert done.returncode == 2
    assert "residual personal data" in done.stderr and "PLANTED" in done.stderr
    assert "Traceback" not in done.stderr and SECRET not in done.stderr
    assert not out.exists() and _no_leftovers(tmp_path)


def test_export_refuses_raw_sessions_in_one_line(tmp_path: Path) -> None:
    db = build_clean_store(tmp_path / "clean" / "clean.sqlite", StoreSpec(raw_sessions=1))
    done = _proagent(
        "export", "--db", str(db), "--out", str(tmp_path / "c"), "--scanner", "tests.export.scanners:planted"
    )
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0
    assert "not anonymized" in done.stderr and not (tmp_path / "c").exists()


def test_ctrl_c_during_export_leaves_nothing(clean_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    marker = tmp_path / "marker"
    process = subprocess.Popen(
        _command(
            "export",
            "--db",
            str(clean_db),
            "--out",
            str(out),
            "--scanner",
            "tests.export.scanners:StallingScanner",
        ),
        env=_env(PROAGENT_TEST_MARKER=str(marker)),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A test runner started in the background may ignore SIGINT; the child must behave like a terminal's.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), process.communicate()[1]
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".corpus")]  # staging exists mid-export
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    assert not out.exists() and _no_leftovers(tmp_path)


def test_import_command_and_malformed_line(tmp_path: Path) -> None:
    source = tmp_path / "reward.jsonl"
    rows = [
        {"obs": [{"time": "10.0", "event": "opens editor"}], "help_needed": bool(i % 2)} for i in range(4)
    ]
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    done = _proagent("import", "proactivebench", str(source), "--out", str(tmp_path / "corpus"))
    assert done.returncode == 0, done.stderr
    assert "4 decision points (2 positive)" in done.stdout
    as_json = _proagent("import", "proactivebench", str(source), "--out-dir", str(tmp_path / "c2"), "--json")
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout) == {
        "out": str(tmp_path / "c2"),
        "source_points": 4,
        "source_positives": 2,
        "files": [str(source)],
        "adjusted_steps": 0,
    }
    source.write_text(source.read_text() + '{"obs": [}\n')
    bad = _proagent("import", "proactivebench", str(source), "--out", str(tmp_path / "other"))
    assert bad.returncode == 3 and "reward.jsonl line 5: not valid JSON" in bad.stderr
    assert bad.stderr.strip().count("\n") == 0 and not (tmp_path / "other").exists()


def test_stats_on_a_corrupt_corpus_is_one_line(tmp_path: Path, clean_db: Path) -> None:
    out = tmp_path / "corpus"
    _proagent(
        "export", "--db", str(clean_db), "--out", str(out), "--scanner", "tests.export.scanners:planted"
    )
    (out / "timing" / "train.parquet").write_bytes(b"broken")
    done = _proagent("stats", str(out))
    assert done.returncode == 3 and "does not match its sha256" in done.stderr
    assert "Traceback" not in done.stderr
