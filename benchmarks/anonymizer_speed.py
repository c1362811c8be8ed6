"""Anonymizer speed: short texts per second on one core, and seconds per 1080p frame, full-frame OCR against
a realistic sequence with incremental OCR, then a whole session through `anonymize_store` with 2 workers.

    PYTHONPATH=src python benchmarks/anonymizer_speed.py [--titles 3000] [--frames 40]
    PYTHONPATH=src python benchmarks/anonymizer_speed.py --startup-only [--startup-baseline OLD/src]

It starts with `proagent scrub` start-up: wall seconds to the first output line and to exit, and user+sys CPU
seconds (the machine is shared: CPU time is the steadier figure), against an older source tree if given.

The frame sequence imitates an editor session: typing changes one line at a time, the screen sometimes stays
still (identical frames), and every 15th frame scrolls (the whole text moves).
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from anonymizer_evalset import build_evalset  # noqa: E402

KEY = b"benchmark-key-000000000000000000"
CODE = [
    "def handle_request(request, session):",
    '    """Serve one API call for the signed-in user."""',
    "    user = session.user  # maria.keller@example.com",
    "    if not user.is_active:",
    "        raise PermissionError('inactive account')",
    "    rows = db.query(Order).filter(Order.owner == user.id).all()",
    "    total = sum(row.amount for row in rows)",
    "    log.info('orders for %s: %d (total %.2f)', user.name, len(rows), total)",
    "    return {'orders': [row.to_json() for row in rows], 'total': total}",
    "",
]


def _lines(frame: int) -> list[str]:
    scroll = frame // 15
    body = (CODE * 6)[scroll : scroll + 40]
    typed = "    # TODO: ask Maria Keller about the refund policy and call +1 415-555-0132"[
        : 12 + 2 * (frame % 15) * 3
    ]
    return (
        [f"{n + 1 + scroll:4d}  {line}" for n, line in enumerate(body[:20])]
        + [typed]
        + [f"{n + 21 + scroll:4d}  {line}" for n, line in enumerate(body[20:])]
    )


def _code(number: int) -> str:
    letters = ""
    while True:
        number, rest = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[rest]
        if number == 0:
            return letters


def titles_per_second(count: int) -> tuple[float, float]:
    """(per wall-clock second, per CPU second of this process): the machine is shared, so both."""
    from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
    from proagentbench.anonymizer.policy import Policy

    scrubber = make_scrubber(ScrubSetup(Policy(machine_identity=False), KEY))
    items = [
        i
        for i in build_evalset(per_template=60, seed=7)
        if i.category == "title" or (i.category == "negative" and " - " in i.text)
    ]
    # A letter code makes every title unique (no cache hits) without adding digits real titles rarely have.
    texts = [f"{items[n % len(items)].text} [{_code(n)}]" for n in range(count)]
    scrubber.scrub("warm up 415-555-0132 https://example.com maria@example.com")
    started, cpu_started = time.perf_counter(), time.process_time()
    for text in texts:
        scrubber.scrub(text)
    return count / (time.perf_counter() - started), count / (time.process_time() - cpu_started)


STARTUP_TEXTS = ("Mail from Maria Keller", "Mail from Maria Keller <maria@example.com>")


@dataclass(frozen=True)
class Call:
    """One timed process: wall seconds to its first stdout line and to its exit, and its user+sys CPU."""

    first_line: float
    exit: float
    cpu: float


def timed_call(command: list[str], stdin: str, env: dict[str, str]) -> Call:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    process.stdin.write(stdin)
    process.stdin.close()
    first = process.stdout.readline()
    first_line = time.perf_counter() - started
    process.stdout.read()
    error = process.stderr.read()
    if process.wait(timeout=300) != 0 or (stdin and not first):
        raise RuntimeError(f"{command} failed: {error.strip()}")
    ended = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Call(first_line if stdin else ended, ended, cpu)


def startup_seconds(runs: int, sources: dict[str, str], text: str) -> dict[str, Call]:
    """Median over `runs` of a whole `proagent scrub` call on one line (interpreter, CLI, analyzer, one
    scrub) for each source tree (label -> PYTHONPATH), the trees taking turns so that a change in the
    machine's load hits them alike."""
    cli = [sys.executable, "-c", "from proagentbench.cli.main import run; run()", "scrub"]
    calls: dict[str, list[Call]] = {label: [] for label in sources}
    with tempfile.TemporaryDirectory() as data:
        envs = {
            label: {**os.environ, "PROAGENT_DATA_DIR": data, "PYTHONPATH": src}
            for label, src in sources.items()
        }
        for env in envs.values():
            timed_call(cli, "warm the page cache\n", env)
        for _ in range(runs):
            for label, env in envs.items():
                calls[label].append(timed_call(cli, text + "\n", env))
    return {label: _median(found) for label, found in calls.items()}


def bare_presidio_import(runs: int) -> Call:
    """A bare `import presidio_analyzer` in a fresh interpreter: the reference."""
    return _median(
        [
            timed_call([sys.executable, "-c", "import presidio_analyzer"], "", dict(os.environ))
            for _ in range(runs)
        ]
    )


def _median(calls: list[Call]) -> Call:
    return Call(*(statistics.median(getattr(c, f) for c in calls) for f in ("first_line", "exit", "cpu")))


def print_startup(runs: int, sources: dict[str, str]) -> None:
    def line(label: str, call: Call) -> str:
        return (
            f"  {label}: {call.first_line:.2f} s to the first output line, {call.exit:.2f} s to exit, "
            f"{call.cpu:.2f} s user+sys CPU"
        )

    for text in STARTUP_TEXTS:
        print(f"`proagent scrub` on {text!r}, median of {runs} (load average {os.getloadavg()[0]:.2f}):")
        for label, call in startup_seconds(runs, sources, text).items():
            print(line(label, call))
    bare = bare_presidio_import(runs)
    print(f"a bare `import presidio_analyzer`, median of {runs} (load average {os.getloadavg()[0]:.2f}):")
    print(f"  {bare.exit:.2f} s to exit, {bare.cpu:.2f} s user+sys CPU")


def frame_seconds(folder: Path, frames: int) -> dict[str, float]:
    from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
    from proagentbench.anonymizer.image.frame import FrameTask, new_ocr_state, redact_frame
    from proagentbench.anonymizer.image.fuzzy import KnownValues
    from proagentbench.anonymizer.policy import Policy
    from tests.anonymizer.rawstore import render_screen

    sources = []
    for index in range(frames):
        repeat = index % 6 == 5  # the screen did not change
        lines = _lines(index - 1 if repeat else index)
        sources.append(
            render_screen(lines, folder / f"f{index:03d}.png", size=(1920, 1080), font_size=17, mono=True)
        )
    results = {}
    for name, incremental in (("full", False), ("incremental", True)):
        policy = Policy(machine_identity=False, incremental_ocr=incremental)
        setup = ScrubSetup(policy, KEY)
        scrubber, state = make_scrubber(setup), new_ocr_state(policy)
        started = time.perf_counter()
        for index, source in enumerate(sources):
            redact_frame(
                FrameTask(index, source, folder / f"out-{name}-{index}.png"), scrubber, KnownValues(()), state
            )
        results[name] = (time.perf_counter() - started) / frames
        if incremental:
            results["incremental_share_of_rows_ocrd"] = state.stats.ocr_rows / state.stats.total_rows
    return results


def session_seconds(folder: Path, frames: int, workers: int) -> float:
    from proagentbench.anonymizer.policy import Policy
    from proagentbench.anonymizer.run import anonymize_store
    from tests.anonymizer.rawstore import RawStoreBuilder

    raw = RawStoreBuilder(folder / "raw.sqlite")
    session = raw.add_session("bench")
    window = raw.add_window(session, 0, "code", "handlers.py - shop - Visual Studio Code")
    for index in range(frames):
        lines = _lines(index - 1 if index % 6 == 5 else index)
        raw.add_screenshot(
            session, index * 1_000_000, lines, window_id=window, size=(1920, 1080), font_size=17
        )
    raw.close()
    started = time.perf_counter()
    report = anonymize_store(
        raw.db_path, folder / "clean.sqlite", Policy(machine_identity=False), workers=workers
    )
    assert report.done == ["bench"], report
    return (time.perf_counter() - started) / frames


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=3000)
    parser.add_argument("--frames", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--session-frames", type=int, default=0, help="frames of the whole-session run (default --frames)"
    )
    parser.add_argument("--startup-runs", type=int, default=5, help="`proagent scrub` calls to time")
    parser.add_argument(
        "--startup-baseline",
        metavar="SRC",
        help="also time `proagent scrub` from this source tree (e.g. an older commit's src/), in turns",
    )
    parser.add_argument("--startup-only", action="store_true", help="time the start-up and stop")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    sources = {"this tree": str(Path(__file__).resolve().parents[1] / "src")}
    if args.startup_baseline:
        sources["baseline"] = str(Path(args.startup_baseline).resolve())
    print_startup(args.startup_runs, sources)
    if args.startup_only:
        print(f"load average at end: {os.getloadavg()}")
        return 0
    wall, cpu = titles_per_second(args.titles)
    print(f"window titles per second, one process: {wall:,.0f} (wall clock), {cpu:,.0f} (per CPU second)")
    with tempfile.TemporaryDirectory() as folder:
        per_frame = frame_seconds(Path(folder), args.frames)
        print(f"1080p seconds per frame, full-frame OCR every frame: {per_frame['full']:.2f}")
        print(f"1080p seconds per frame, incremental OCR + cache: {per_frame['incremental']:.2f}")
        share = per_frame["incremental_share_of_rows_ocrd"]
        print(f"share of frame rows OCR'd on the incremental path: {share:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        session_frames = args.session_frames or args.frames
        wall = session_seconds(Path(folder), session_frames, args.workers)
        print(
            f"whole session of {session_frames} frames through anonymize_store, {args.workers} workers: "
            f"{wall:.2f} s wall per frame"
        )
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
