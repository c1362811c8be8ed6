"""`proagent bench` and inspect_ai on the same corpus and server: do they agree, and what does each cost?

    PYTHONPATH=src python benchmarks/inspect_interop.py [--users 3] [--points 12]

A synthetic corpus (`devtools/synthetic_corpus.py`, not the tests' hand-built one) and the local
OpenAI-compatible server answering `smart` (the reference: both tools must see the same prompts and so get
the same replies). The `llm` agent runs through `run_benchmark`, the inspect tasks `proagentbench/timing` and
`/content` through `inspect_ai.eval` with inspect's own `openai-api` provider against the same server (real
HTTP, through inspect's client). It prints per metric both values and whether they agree, the wall time of
each tool, the time of `export-inspect` and of reading its logs back, and the run log's bytes per sample with
and without the per-sample calls of run-log version 2.
"""

import argparse
import json
import math
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from proagentbench.benchmark import BenchSettings, Spec, read_runlog, run_benchmark
from proagentbench.devtools.model_server import ModelServer
from proagentbench.devtools.synthetic_corpus import SyntheticSpec, write_synthetic_corpus

TIMING = ("accuracy", "precision", "recall", "f1", "false_alarm_rate", "balanced_accuracy", "auroc")
CONTENT = ("intent_accuracy", "intent_macro_f1")


def _same(a: float, b: float | None) -> bool:
    return (b is None and math.isnan(a)) or (b is not None and math.isclose(a, b, abs_tol=1e-12))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=3)
    parser.add_argument("--points", type=int, default=12, help="Decision points per session.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, ModelServer() as server:
        root = Path(scratch)
        corpus = root / "corpus"
        spec = SyntheticSpec(
            users=args.users, sessions_per_user=3, events_per_session=400, points_per_session=args.points
        )
        write_synthetic_corpus(corpus, spec)
        agent = Spec("llm", {"base_url": server.base_url, "model": "local", "use_cache": False})
        settings = BenchSettings(tasks=("timing", "content"), embeddings=False, resamples=200)
        started = time.perf_counter()
        log = run_benchmark(corpus, agent, settings, root / "run.json")
        bench_s = time.perf_counter() - started
        bench_requests = len(server.requests)

        from inspect_ai import eval as inspect_eval

        from proagentbench.interop.inspect_tasks import content, timing

        os.environ["LOCAL_BASE_URL"] = server.base_url
        os.environ["LOCAL_API_KEY"] = "unused"
        started = time.perf_counter()
        timing_log, content_log = inspect_eval(
            [timing(corpus=str(corpus)), content(corpus=str(corpus))],
            model="openai-api/local/local",
            log_dir=str(root / "logs"),
            display="none",
        )
        inspect_s = time.perf_counter() - started
        inspect_requests = len(server.requests) - bench_requests

        from inspect_ai.log import read_eval_log

        from proagentbench.interop.inspect_log import export_inspect

        started = time.perf_counter()
        written = export_inspect(read_runlog(root / "run.json"), root / "exported")
        exported = [read_eval_log(path) for path in written]
        export_s = time.perf_counter() - started

        condition = log.conditions[0]
        rows: list[tuple[str, str, Any, float, bool]] = []
        for task, names, inspect_log in (("timing", TIMING, timing_log), ("content", CONTENT, content_log)):
            ours = condition.metrics[task]["agent"] if task == "timing" else condition.metrics[task]
            assert inspect_log.results is not None, inspect_log.error
            theirs = {n: m.value for n, m in inspect_log.results.scores[0].metrics.items()}
            for name in (*names, "coverage"):
                value = ours[name] if name == "coverage" else ours[name]["value"]
                rows.append((task, name, value, theirs[name], _same(theirs[name], value)))
        expected = {(task, name): value for task, name, value, _, _ in rows}
        export_agrees = all(
            _same(metric.value, expected[(eval_log.eval.task.split("/")[-1], name)])
            for eval_log in exported
            if eval_log.results is not None
            for name, metric in eval_log.results.scores[0].metrics.items()
            if (eval_log.eval.task.split("/")[-1], name) in expected
        )
        text = (root / "run.json").read_text()
        data = json.loads(text)
        samples = sum(len(c["timing"]) + len(c["content"]) for c in data["conditions"])
        for c in data["conditions"]:
            for record in (*c["timing"], *c["content"]):
                record.pop("calls", None)
        without = len(json.dumps(data, indent=1))

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(
        f"corpus: synthetic, {len(condition.timing)} timing and {len(condition.content)} content test points"
    )
    print("\n| task | metric | proagent bench | inspect_ai | agree |\n|---|---|---|---|---|")
    for task, name, value, theirs, agree in rows:
        shown = "n/a" if value is None else f"{value:.4f}"
        print(f"| {task} | {name} | {shown} | {theirs:.4f} | {'yes' if agree else 'NO'} |")
    print(
        f"\nproagent bench (llm agent): {bench_s:.1f} s, {bench_requests} requests; "
        f"inspect_ai eval (openai-api provider): {inspect_s:.1f} s, {inspect_requests} requests"
    )
    print(
        f"export-inspect + read_eval_log of {len(written)} logs: {export_s:.2f} s; "
        f"their metrics agree with the run log's: {export_agrees}"
    )
    print(
        f"run log: {len(text) / samples:.0f} bytes per sample with calls (version {data['version']}), "
        f"{without / samples:.0f} without"
    )


if __name__ == "__main__":
    main()
