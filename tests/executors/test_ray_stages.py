"""Each heavy stage with `--executor ray` on a small store gives what the process pool gives: the same clean
rows and frame hashes, the same annotations, the same benchmark records and metrics. A Ray worker killed in
the middle of anonymizing loses nothing and duplicates nothing; raw data is refused a remote cluster."""

import contextlib
import json
import os
import signal
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil
import pytest
from typer.testing import CliRunner

from proagentbench import paths
from proagentbench.anonymizer import anonymize_store
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.run import RemoteRawError
from proagentbench.anonymizer.tempdir import OCR_TEMP_DIR
from proagentbench.cli.main import app
from proagentbench.demo.sample import build_sample_store
from proagentbench.plugins import Spec
from tests.anonymizer.rawstore import RawStoreBuilder, clean_store_contents
from tests.bench.corpus_builder import two_user_corpus

runner = CliRunner()
SECRET = "AWS_SECRET=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def _raw_store(root: Path, sessions: int, frames: int) -> Path:
    raw = RawStoreBuilder(root / "raw" / "raw.sqlite")
    for number in range(sessions):
        session = raw.add_session(f"s{number}")
        window = raw.add_window(session, 0, "xterm", f"jdoe@devbox: ~/job{number} maria.keller@example.com")
        raw.type_text(session, window, 100, f"Dear Maria Keller, password=Hunter2Secret{number}")
        for frame in range(frames):
            lines = [f"job {number} frame {frame}", "Dear Maria Keller,", SECRET]
            raw.add_screenshot(session, 200 + frame, lines * 3, window_id=window, size=(900, 300))
    raw.close()
    return raw.db_path


def _anonymize(raw_db: Path, clean: Path, *extra: str) -> None:
    arguments = ["anonymize", "--db", str(raw_db), "--out", str(clean), *extra]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def raw_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _raw_store(tmp_path_factory.mktemp("stores"), sessions=3, frames=3)


@pytest.fixture(scope="module")
def process_clean(raw_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    clean = tmp_path_factory.mktemp("process") / "clean.sqlite"
    # One pool process: its start-up (Presidio) dominates here, and the output does not depend on the count.
    _anonymize(raw_db, clean, "--executor", "process", "--workers", "1")
    return clean


def _ray_task_processes() -> list[psutil.Process]:
    """Ray worker processes running one of the executor's units right now (Ray titles them by the task)."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or [])
        if cmdline.startswith("ray::_run_unit"):
            found.append(process)
    return found


def test_anonymize_on_ray_with_a_worker_killed_mid_run_writes_the_process_pools_clean_store(
    ray_instance: Any, raw_db: Path, process_clean: Path, tmp_path: Path
) -> None:
    """Same clean rows and frame hashes as the process pool, each session exactly once, although one Ray
    worker is killed (SIGKILL) while it runs a chunk of frames: Ray runs that chunk again elsewhere."""
    killed: list[int] = []
    stop = threading.Event()

    def kill_first_busy_worker() -> None:
        while not stop.is_set() and not killed:
            for process in _ray_task_processes():
                os.kill(process.pid, signal.SIGKILL)
                killed.append(process.pid)
                break
            time.sleep(0.005)

    killer = threading.Thread(target=kill_first_busy_worker)
    killer.start()
    clean = tmp_path / "clean.sqlite"
    try:
        _anonymize(raw_db, clean, "--executor", "ray", "--workers", "2")
    finally:
        stop.set()
        killer.join()
    assert killed, "no Ray worker was seen running a unit"
    assert not psutil.pid_exists(killed[0]) or psutil.Process(killed[0]).status() == psutil.STATUS_ZOMBIE
    contents = clean_store_contents(clean)
    uids = [row[1] for row in contents["sessions"]]
    assert sorted(uids) == sorted(set(uids)) and len(uids) == 3  # every session once
    expected = clean_store_contents(process_clean)
    assert len(expected["frame files"]) == 9
    assert contents == expected


def test_ray_workers_write_no_ocr_file_outside_the_store_tree(ray_instance: Any, tmp_path: Path) -> None:
    """The session's Ray workers were started before this run and did not inherit its TMPDIR; OCR pipes its
    crops through Tesseract, so no OCR file appears in the shared temp folder nor anywhere else, and each
    chunk still names the run's private temp folder for what libraries write."""
    raw_db = _raw_store(tmp_path / "a", sessions=1, frames=4)
    clean = tmp_path / "out" / "clean.sqlite"
    private = paths.screenshots_dir(clean) / OCR_TEMP_DIR
    shared = Path(tempfile.gettempdir())
    before = {path.name for path in shared.glob("tess_*")}
    seen: set[str] = set()
    worker = threading.Thread(
        target=anonymize_store,
        args=(raw_db, clean, Policy(machine_identity=False)),
        kwargs={"workers": 2, "executor": Spec("ray")},
    )
    worker.start()
    while worker.is_alive():
        seen.update(path.name for path in shared.glob("tess_*"))
        if private.exists():
            with contextlib.suppress(FileNotFoundError):
                seen.update(path.name for path in private.rglob("tess_*"))
        time.sleep(0.002)
    worker.join()
    assert seen - before == set(), "OCR files written during the run"
    with sqlite3.connect(clean) as connection:
        assert connection.execute("SELECT count(*) FROM screenshots").fetchone()[0] == 4


@pytest.mark.parametrize("address", ["auto", "ray://127.0.0.1:10001"])
def test_a_remote_cluster_is_refused_raw_data_without_consent(tmp_path: Path, address: str) -> None:
    raw_db = _raw_store(tmp_path, sessions=1, frames=0)
    clean = tmp_path / "clean.sqlite"
    arguments = ["anonymize", "--db", str(raw_db), "--out", str(clean), "--executor", "ray"]
    result = runner.invoke(app, [*arguments, "--ray-address", address])
    assert isinstance(result.exception, RemoteRawError)
    message = str(result.exception)
    assert "\n" not in message and "--allow-remote-raw" in message and "cross the network" in message
    assert not clean.exists()
    with pytest.raises(RemoteRawError):
        anonymize_store(raw_db, clean, Policy(), executor=Spec("ray", {"address": address}))
    assert not clean.exists()


def test_ray_address_is_only_for_an_executor_that_takes_one(tmp_path: Path) -> None:
    for extra in (["--ray-address", "auto"], ["--executor", "process", "--ray-address", "auto"]):
        result = runner.invoke(app, ["annotate", "--db", str(tmp_path / "c.sqlite"), *extra])
        assert "--ray-address is only for --executor ray" in str(result.exception)


@pytest.fixture(scope="module")
def sample_clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "clean.sqlite"
    build_sample_store(path)
    connection = sqlite3.connect(path)
    with connection:  # stands in for the anonymizer's state change
        connection.execute("UPDATE sessions SET state = 'anonymized'")
    connection.close()
    return path


def _annotations(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT session_id, t, label, kind, intent, content, source, confidence, data FROM annotations "
            "ORDER BY session_id, t, kind"
        ).fetchall()


def test_annotate_on_ray_writes_the_process_pools_labels(
    ray_instance: Any, sample_clean: Path, tmp_path: Path
) -> None:
    outputs = {}
    for executor in ("process", "ray"):
        db = tmp_path / f"{executor}.sqlite"
        with sqlite3.connect(sample_clean) as source, sqlite3.connect(db) as copy:
            source.backup(copy)
        result = runner.invoke(app, ["annotate", "--db", str(db), "--executor", executor, "--json"])
        assert result.exit_code == 0, result.output
        outputs[executor] = (json.loads(result.output), _annotations(db))
    assert outputs["process"][0]["positives"] > 0 and outputs["process"][0]["sessions"] >= 2
    assert outputs["ray"] == outputs["process"]


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_user_corpus(tmp_path_factory.mktemp("corpus") / "two-users")


def _bench(corpus: Path, out: Path, agent: str, *extra: str) -> dict[str, Any]:
    arguments = ["bench", "--corpus", str(corpus), "--agent", agent, "--out", str(out)]
    result = runner.invoke(
        app, [*arguments, "--no-embeddings", "--resamples", "50", "--context", "60,300", *extra]
    )
    assert result.exit_code == 0, result.output
    log = json.loads(out.read_text())
    return {
        "conditions": log["conditions"],
        "executor": log["settings"]["executor"],
    }


@pytest.mark.parametrize("agent", ["learned", "random"])
def test_bench_on_ray_gives_the_same_records_and_metrics(
    ray_instance: Any, corpus_dir: Path, tmp_path: Path, agent: str
) -> None:
    default = _bench(corpus_dir, tmp_path / "threads.json", agent)
    process = _bench(corpus_dir, tmp_path / "process.json", agent, "--executor", "process")
    on_ray = _bench(corpus_dir, tmp_path / "ray.json", agent, "--executor", "ray")
    assert default["executor"] is None and on_ray["executor"]["name"] == "ray"
    assert default["conditions"][0]["timing"] and default["conditions"][0]["metrics"]
    assert process["conditions"] == default["conditions"]
    assert on_ray["conditions"] == default["conditions"]


def test_a_connection_already_open_to_other_machines_is_refused_raw_data(
    ray_instance: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No --ray-address, but this process already holds a Ray connection (a notebook's) whose cluster has a
    node on another machine: that is a remote cluster too. The node list is the only thing stood in for."""
    raw_db = _raw_store(tmp_path, sessions=1, frames=0)
    clean = tmp_path / "clean.sqlite"
    nodes = ray_instance.nodes()
    assert all(node["NodeManagerAddress"] == ray_instance.util.get_node_ip_address() for node in nodes)
    other = {**nodes[0], "NodeManagerAddress": "198.51.100.7", "NodeID": "f" * 56}
    monkeypatch.setattr(ray_instance, "nodes", lambda: [*nodes, other])
    with pytest.raises(RemoteRawError):
        anonymize_store(raw_db, clean, Policy(), executor=Spec("ray"))
    assert not clean.exists()
