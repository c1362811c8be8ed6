"""The fault matrix (issue 10): every command against broken inputs and conditions. Each case asserts three
things: no traceback (one clear line where the command fails), nothing outside the stores' trees holds
captured content, and a rerun completes with output identical to the uninterrupted reference run.

The reference is the bundled sample sessions through anonymize, annotate, export and bench, built once.
"""

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.anonymizer.rawstore import clean_store_contents
from tests.faults.road import (
    Outcome,
    Road,
    assert_no_traceback,
    assert_one_line_error,
    build_reference,
    can_mount,
    captured_content_outside,
    checkpointed_copy,
    copy_road,
    corpus_files,
    corrupt_pages,
    file_state,
    read_only_view,
    resize_disk,
    run_results,
    same,
    small_disk,
    tally,
)

needs_mount = pytest.mark.skipif(not can_mount(), reason="needs root and tmpfs/bind mounts")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Road:
    return build_reference(tmp_path_factory.mktemp("reference"))


# ---- broken stores against every command that reads one


def _foreign(path: Path) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("INSERT INTO notes (body) VALUES ('mine, not yours')")
    connection.close()
    return path


def _newer(path: Path) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO schema_migrations VALUES (99, 'from the future', 0)")
    connection.close()
    return path


def _truncated(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def _not_sqlite(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 64)
    return path


STORE_BREAKERS: dict[str, Callable[[Path], Path]] = {
    "corrupt pages": corrupt_pages,
    "foreign schema": _foreign,
    "newer schema": _newer,
    "truncated": _truncated,
    "not sqlite": _not_sqlite,
}


def _broken_clean(reference: Road, root: Path, condition: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    target = root / "clean.sqlite"
    if condition == "foreign schema":
        return _foreign(target)
    checkpointed_copy(reference.clean, target)
    shutil.copytree(reference.root / "clean-screenshots", root / "clean-screenshots")
    return STORE_BREAKERS[condition](target)


def _commands_on_store(store: Path, raw: Path, out: Path) -> dict[str, tuple[str, ...]]:
    return {
        "sessions": ("sessions", "--db", str(store)),
        "verify": ("verify", "--db", str(store)),
        "annotate": ("annotate", "--db", str(store)),
        "export": ("export", "--db", str(store), "--out", str(out / "corpus")),
        "anonymize --db": ("anonymize", "--db", str(store), "--out", str(out / "new-clean.sqlite")),
        "anonymize --out": ("anonymize", "--db", str(raw), "--out", str(store), "--workers", "1"),
    }


@pytest.mark.parametrize("condition", sorted(STORE_BREAKERS))
def test_every_command_refuses_a_broken_store_in_one_line_and_leaves_it_as_it_was(
    reference: Road, tmp_path: Path, condition: str
) -> None:
    road = copy_road(reference, tmp_path / "case", clean=False)
    store = _broken_clean(reference, tmp_path / "case" / "broken", condition)
    out = tmp_path / "case" / "out"
    for name, argv in _commands_on_store(store, road.raw, out).items():
        before = file_state(store)
        outcome = road.run(*argv, timeout=180)
        assert_one_line_error(outcome)
        assert file_state(store) == before, f"{name} changed the broken store"
        assert not (out / "corpus").exists() and not (out / "new-clean.sqlite").exists(), name
    assert captured_content_outside(road, allowed=[store.parent]) == []


@needs_mount
def test_a_read_only_store_is_read_by_readers_and_refused_by_writers_in_one_line(
    reference: Road, tmp_path: Path
) -> None:
    road = copy_road(reference, tmp_path / "case", clean=False)
    folder = tmp_path / "case" / "media"
    folder.mkdir()
    checkpointed_copy(reference.clean, folder / "clean.sqlite")
    shutil.copytree(reference.root / "clean-screenshots", folder / "clean-screenshots")
    with read_only_view(folder, tmp_path / "case" / "ro") as view:
        store = view / "clean.sqlite"
        before = file_state(store)
        for argv in (("sessions", "--db", str(store)), ("verify", "--db", str(store))):
            outcome = road.run(*argv)
            assert outcome.returncode == 0, outcome.describe()
            assert_no_traceback(outcome)
        exported = road.run(*road.export_argv(out=tmp_path / "case" / "corpus", db=store))
        assert exported.returncode == 0, exported.describe()
        assert same(corpus_files(tmp_path / "case" / "corpus"), corpus_files(reference.corpus))
        for argv in (
            ("annotate", "--db", str(store)),
            ("anonymize", "--db", str(road.raw), "--out", str(store), "--workers", "1"),
        ):
            outcome = road.run(*argv)
            assert_one_line_error(outcome)
            assert "read-only" in outcome.stderr or "readonly" in outcome.stderr, outcome.describe()
        assert file_state(store) == before


def test_a_broken_store_is_refused_before_the_analyzer_loads(reference: Road, tmp_path: Path) -> None:
    """Seconds of Presidio start-up are not spent on a store that cannot be read."""
    store = _broken_clean(reference, tmp_path / "broken", "corrupt pages")
    probe = (
        "import atexit, sys; atexit.register(lambda: sys.stderr.write("
        "'heavy' if 'presidio_analyzer' in sys.modules else 'light'));"
        "from proagentbench.cli.main import run; run()"
    )
    export = ["export", "--db", str(store), "--out", str(tmp_path / "corpus")]
    for argv in (["verify", "--db", str(store)], export):
        command = [sys.executable, "-c", probe, *argv]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode != 0 and done.stderr.endswith("light"), (argv, done.stderr)


# ---- broken corpora against stats and bench


def _manifest(corpus: Path) -> dict[str, object]:
    return dict(json.loads((corpus / "manifest.json").read_text()))


def _break_corpus(corpus: Path, condition: str) -> None:
    manifest = _manifest(corpus)
    files = dict(manifest["files"])  # type: ignore[call-overload]
    timing = next(name for name in sorted(files) if name.startswith("timing/") and name.endswith(".parquet"))
    if condition == "no manifest":
        (corpus / "manifest.json").unlink()
    elif condition == "manifest not json":
        (corpus / "manifest.json").write_text("{ this is not json")
    elif condition == "newer format":
        manifest["version"] = 99
        (corpus / "manifest.json").write_text(json.dumps(manifest))
    elif condition == "tampered table":
        data = bytearray((corpus / timing).read_bytes())
        data[len(data) // 2] ^= 0xFF
        (corpus / timing).write_bytes(bytes(data))
    elif condition == "wrong schema":
        import pyarrow as pa
        import pyarrow.parquet as pq

        from proagentbench.corpus.hashing import sha256_file

        pq.write_table(pa.table({"unexpected": [1, 2, 3]}), corpus / timing)
        files[timing] = sha256_file(corpus / timing)
        manifest["files"] = files
        (corpus / "manifest.json").write_text(json.dumps(manifest))
    else:
        raise AssertionError(condition)


CORPUS_CONDITIONS = ["manifest not json", "newer format", "no manifest", "tampered table", "wrong schema"]


@pytest.mark.parametrize("condition", CORPUS_CONDITIONS)
def test_stats_and_bench_refuse_a_broken_corpus_in_one_line(
    reference: Road, tmp_path: Path, condition: str
) -> None:
    road = copy_road(reference, tmp_path / "case", clean=False, corpus=True)
    _break_corpus(road.corpus, condition)
    for argv in (("stats", str(road.corpus)), road.bench_argv(tmp_path / "case" / "run.json")):
        outcome = road.run(*argv)
        assert_one_line_error(outcome)
    assert not (tmp_path / "case" / "run.json").exists()
    assert captured_content_outside(road, allowed=[road.corpus]) == []


# ---- a full disk, then the same command with room again


def _fill_then_free(road: Road, disk: Path, argv: tuple[str, ...], room: str) -> Outcome:
    full = road.run(*argv)
    assert_one_line_error(full)
    assert "disk" in full.stderr.lower() or "space" in full.stderr.lower(), full.describe()
    resize_disk(disk, room)
    return road.run(*argv)


@needs_mount
def test_a_full_disk_in_anonymize_is_one_line_and_the_rerun_completes_identically(
    reference: Road, tmp_path: Path
) -> None:
    road = copy_road(reference, tmp_path / "case", clean=False)
    with small_disk(tmp_path / "case" / "disk", "600k") as disk:
        clean = disk / "clean.sqlite"
        rerun = _fill_then_free(road, disk, road.anonymize_argv(out=clean), "200m")
        assert rerun.returncode == 0, rerun.describe()
        assert same(clean_store_contents(clean), clean_store_contents(reference.clean))
        assert captured_content_outside(road, allowed=[disk]) == []


@needs_mount
def test_a_full_disk_in_export_is_one_line_and_the_rerun_completes_identically(
    reference: Road, tmp_path: Path
) -> None:
    road = copy_road(reference, tmp_path / "case")
    with small_disk(tmp_path / "case" / "disk", "300k") as disk:
        rerun = _fill_then_free(road, disk, road.export_argv(out=disk / "corpus"), "200m")
        assert rerun.returncode == 0, rerun.describe()
        assert same(corpus_files(disk / "corpus"), corpus_files(reference.corpus))
        assert [p.name for p in disk.iterdir()] == ["corpus"], "no partial corpus is left behind"


@needs_mount
def test_a_full_disk_in_bench_is_one_line_and_the_rerun_completes_identically(
    reference: Road, tmp_path: Path
) -> None:
    road = copy_road(reference, tmp_path / "case", clean=False, corpus=True)
    with small_disk(tmp_path / "case" / "disk", "8k") as disk:
        # Fill the disk so even a small run log cannot be written.
        (disk / "ballast").write_bytes(b"\0" * 6 * 1024)
        run_log = disk / "run.json"
        full = road.run(*road.bench_argv(run_log))
        assert_one_line_error(full)
        (disk / "ballast").unlink()
        resize_disk(disk, "50m")
        rerun = road.run(*road.bench_argv(run_log))
        assert rerun.returncode == 0, rerun.describe()
        assert same(run_results(run_log), run_results(reference.root / "run.json"))


# ---- kill -9 and SIGTERM at random points, then a rerun


def _interrupt(road: Road, argv: tuple[str, ...], how: signal.Signals, after_s: float) -> Outcome:
    process = road.start(*argv)
    deadline = time.monotonic() + after_s
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.01)
    if process.poll() is None:
        process.send_signal(how)
    stdout, stderr = process.communicate(timeout=120)
    tally("command", argv=argv[0], traceback="Traceback" in stderr + stdout, returncode=process.returncode)
    return Outcome(argv, process.returncode, stdout, stderr)


def _check_interrupted(outcome: Outcome, how: signal.Signals) -> None:
    assert_no_traceback(outcome)
    if how == signal.SIGTERM and outcome.returncode != 0:
        assert outcome.returncode == 143, outcome.describe()


# Seeded, so a failure is reproducible; the points spread over each command's run.
_POINTS = random.Random(20261201)
KILL_POINTS = [
    (how, round(_POINTS.uniform(0.5, 9.0), 2)) for how in (signal.SIGKILL, signal.SIGTERM) for _ in range(2)
]


@pytest.mark.parametrize(("how", "after_s"), KILL_POINTS[1::2], ids=lambda v: getattr(v, "name", str(v)))
def test_anonymize_stopped_at_a_random_point_resumes_to_the_reference(
    reference: Road, tmp_path: Path, how: signal.Signals, after_s: float
) -> None:
    road = copy_road(reference, tmp_path / "case", clean=False)
    _check_interrupted(_interrupt(road, road.anonymize_argv(), how, after_s), how)
    assert captured_content_outside(road) == [], "nothing raw outside the tree, even killed"
    rerun = road.run(*road.anonymize_argv())
    assert rerun.returncode == 0, rerun.describe()
    assert same(clean_store_contents(road.clean), clean_store_contents(reference.clean))
    assert captured_content_outside(road) == []
    assert not [p for p in road.root.rglob("*") if ".ocr-tmp" in p.parts], "the rerun sweeps OCR leftovers"


@pytest.mark.parametrize(("how", "after_s"), KILL_POINTS[::2], ids=lambda v: getattr(v, "name", str(v)))
def test_export_stopped_at_a_random_point_reruns_to_the_reference(
    reference: Road, tmp_path: Path, how: signal.Signals, after_s: float
) -> None:
    road = copy_road(reference, tmp_path / "case")
    _check_interrupted(_interrupt(road, road.export_argv(), how, after_s / 2), how)
    rerun = road.run(*road.export_argv())
    if rerun.returncode != 0 and road.corpus.exists():
        pytest.fail(f"the interrupted export finished first, yet the rerun failed: {rerun.describe()}")
    assert rerun.returncode == 0 or "exists" in rerun.stderr, rerun.describe()
    assert same(corpus_files(road.corpus), corpus_files(reference.corpus))
    assert not [p for p in road.root.iterdir() if ".partial-" in p.name], "no partial corpus left behind"
    assert captured_content_outside(road, allowed=[road.corpus]) == []


@pytest.mark.parametrize(("how", "after_s"), KILL_POINTS[1::2], ids=lambda v: getattr(v, "name", str(v)))
def test_bench_stopped_at_a_random_point_resumes_to_the_reference(
    reference: Road, tmp_path: Path, how: signal.Signals, after_s: float
) -> None:
    road = copy_road(reference, tmp_path / "case", clean=False, corpus=True)
    run_log = tmp_path / "case" / "run.json"
    _check_interrupted(_interrupt(road, road.bench_argv(run_log, delay_s=0.3), how, after_s / 2), how)
    rerun = road.run(*road.bench_argv(run_log, delay_s=0.3))
    assert rerun.returncode == 0, rerun.describe()
    assert same(run_results(run_log), run_results(reference.root / "run.json"))


def test_the_reference_road_left_nothing_outside_its_trees(reference: Road) -> None:
    assert captured_content_outside(reference, allowed=[reference.corpus]) == []
    assert os.listdir(reference.scratch / "tmp") == [] or all(
        name.startswith("torchinductor") for name in os.listdir(reference.scratch / "tmp")
    )
