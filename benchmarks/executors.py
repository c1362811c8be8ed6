"""Executors on this machine, in one run: the ray executor's overhead against the process pool on the same
raw store (anonymize), the same clean store (annotate) and the same corpus (bench), and the clean-store
writer's rows per second (what bounds the driver, which alone writes).

    PYTHONPATH=src python benchmarks/executors.py [--sessions 4 --frames 12 --workers 2 --rows 200000]

Frames are 1280x720 screens of Faker text (names, e-mail addresses, phone numbers, street addresses), not the
test suite's generator. Each stage runs process, ray, ray, process; the figure is the mean of each pair. The
ray executor starts its own local instance each time, so its start-up is included (also reported alone).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

KEY = b"benchmark-key-000000000000000000"


def faker_raw_store(folder: Path, sessions: int, frames: int) -> Path:
    from faker import Faker

    from tests.anonymizer.rawstore import RawStoreBuilder

    fake = Faker("en_US")
    Faker.seed(13)
    raw = RawStoreBuilder(folder / "raw" / "raw.sqlite")
    for number in range(sessions):
        session = raw.add_session(f"bench-{number}")
        window = raw.add_window(session, 0, "thunderbird", f"Inbox - {fake.email()} - Thunderbird")
        raw.type_text(session, window, 500_000, f"Hi {fake.name()}, call me at {fake.phone_number()}")
        people = [_person(fake) for _ in range(8)]
        for frame in range(frames):
            if frame % 4 == 0:  # a new message scrolls in now and then; otherwise one line changes
                people = people[1:] + [
                    (fake.name(), fake.email(), fake.phone_number(), fake.street_address())
                ]
            lines = [f"{name:<24} {email:<32} {phone:<22} {street}" for name, email, phone, street in people]
            lines.append(f"draft: {fake.sentence(nb_words=8)}")
            raw.add_screenshot(
                session, 1_000_000 * (frame + 1), lines * 2, window_id=window, size=(1280, 720)
            )
    raw.close()
    return raw.db_path


def _person(fake: Any) -> tuple[str, str, str, str]:
    return fake.name(), fake.email(), fake.phone_number(), fake.street_address()


def timed(run: Callable[[], Any]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def ray_start_seconds(workers: int) -> float:
    from proagentbench.executors import build_executor
    from proagentbench.plugins import Spec

    executor = build_executor(Spec("ray", {"workers": workers}))
    started = time.perf_counter()
    with executor:
        elapsed = time.perf_counter() - started
    return elapsed


def anonymize_seconds(raw_db: Path, folder: Path, executor: str, workers: int, run: int) -> float:
    from proagentbench.anonymizer.policy import Policy
    from proagentbench.anonymizer.run import anonymize_store
    from proagentbench.plugins import Spec

    clean = folder / f"{executor}-{run}" / "clean.sqlite"
    spec = Spec(executor, {"workers": workers})

    def go() -> None:
        report = anonymize_store(
            raw_db, clean, Policy(machine_identity=False), workers=workers, executor=spec
        )
        assert not report.failed and report.done, report

    return timed(go)


def annotate_seconds(store: Path, folder: Path, executor: str, workers: int, run: int) -> float:
    import shutil

    from proagentbench.annotator import annotate_store
    from proagentbench.plugins import Spec

    copy = folder / f"annotate-{executor}-{run}.sqlite"
    shutil.copyfile(store, copy)
    return timed(lambda: annotate_store(copy, executor=Spec(executor, {"workers": workers})))


def bench_seconds(corpus: Path, folder: Path, executor: str, workers: int, run: int) -> float:
    from proagentbench.benchmark import BenchSettings, Spec, run_benchmark

    settings = BenchSettings(
        tasks=("timing",), embeddings=False, resamples=200, executor=Spec(executor, {"workers": workers})
    )
    out = folder / f"bench-{executor}-{run}.json"
    return timed(lambda: run_benchmark(corpus, Spec("learned"), settings, out))


def writer_rows_per_second(folder: Path, rows: int) -> tuple[int, float]:
    """Rows of one big session (events from the synthetic store's generator) committed by the anonymizer's
    writer into a fresh clean store, as the driver does after each session."""
    import sqlite3

    from synthetic_store import build_synthetic_store

    from proagentbench.anonymizer.job import SessionOutput
    from proagentbench.anonymizer.run import _commit_session
    from proagentbench.store import open_store

    source = build_synthetic_store(folder / "source.sqlite", events=rows, users=1, sessions_per_user=1)
    with sqlite3.connect(source.db) as connection:
        connection.row_factory = sqlite3.Row
        session = dict(connection.execute("SELECT * FROM sessions").fetchone())
        windows = [dict(row) for row in connection.execute("SELECT * FROM windows ORDER BY id")]
        events = [dict(row) for row in connection.execute("SELECT * FROM events ORDER BY id")]
        shots = [dict(row) for row in connection.execute("SELECT * FROM screenshots ORDER BY id")]
    output = SessionOutput(session["uid"], session, windows, events, shots)
    clean = open_store(folder / "writer" / "clean.sqlite", create=True)
    try:
        staging, final = folder / "writer" / "staging", folder / "writer" / "final"
        seconds = timed(lambda: _commit_session(clean, output, staging, final))
    finally:
        clean.dispose()
    total = len(windows) + len(events) + len(shots) + 1
    return total, total / seconds


def alternate(label: str, measure: Callable[[str, int], float]) -> dict[str, float]:
    """process, ray, ray, process: each executor runs once first and once second (file caches, load drift)."""
    times: dict[str, list[float]] = {"process": [], "ray": []}
    for run, executor in enumerate(("process", "ray", "ray", "process")):
        times[executor].append(measure(executor, run))
        print(f"  {label} {executor} run {len(times[executor])}: {times[executor][-1]:.1f} s", flush=True)
    return {executor: statistics.mean(values) for executor, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--frames", type=int, default=12, help="frames per session")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rows", type=int, default=200_000, help="events of the writer's session")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average at start: {os.getloadavg()}", flush=True)
    from synthetic_store import build_synthetic_store

    from proagentbench.devtools.synthetic_corpus import SyntheticSpec, write_synthetic_corpus

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        start = ray_start_seconds(args.workers)
        print(f"ray local instance start-up and shutdown: {start:.1f} s", flush=True)
        raw_db = faker_raw_store(folder, args.sessions, args.frames)
        frames = args.sessions * args.frames
        anonymize = alternate(
            "anonymize", lambda ex, run: anonymize_seconds(raw_db, folder, ex, args.workers, run)
        )
        clean = build_synthetic_store(folder / "annotate.sqlite", events=60_000, users=4, sessions_per_user=6)
        annotate = alternate(
            "annotate", lambda ex, run: annotate_seconds(clean.db, folder, ex, args.workers, run)
        )
        corpus = folder / "corpus"
        write_synthetic_corpus(corpus, SyntheticSpec(users=6, sessions_per_user=5, events_per_session=1000))
        bench = alternate("bench", lambda ex, run: bench_seconds(corpus, folder, ex, args.workers, run))
        rows, rate = writer_rows_per_second(folder, args.rows)
        end_start = ray_start_seconds(args.workers)
        print(f"ray local instance start-up and shutdown, again: {end_start:.1f} s", flush=True)
    startup = statistics.median([start, end_start])
    print(f"workers: {args.workers}")
    for label, result, unit in (
        (f"anonymize ({args.sessions} sessions, {frames} frames)", anonymize, frames),
        (f"annotate ({clean.sessions} sessions, {clean.events} events)", annotate, clean.sessions),
        ("bench (learned agent, timing, 30 sessions)", bench, 0),
    ):
        ratio = result["ray"] / result["process"]
        warm = (result["ray"] - startup) / result["process"]
        print(
            f"{label}: process {result['process']:.1f} s, ray {result['ray']:.1f} s, ratio {ratio:.2f} "
            f"({warm:.2f} without Ray's start-up)"
        )
        if unit and label.startswith("anonymize"):
            print(f"  per frame: process {result['process'] / unit:.2f} s, ray {result['ray'] / unit:.2f} s")
    print(f"clean-store writer: {rows:,} rows in one session, {rate:,.0f} rows/s")
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
