"""`proagent bench` and inspect_ai on the same corpus and server: do they agree, and what does each cost?

    PYTHONPATH=src python benchmarks/inspect_interop.py [--users 3] [--points 12]
    PYTHONPATH=src python benchmarks/inspect_interop.py --server-python /tmp/llamavenv/bin/python \
        --model-file .../SmolLM2-135M-Instruct.Q4_1.gguf --users 1 --points 3 --max-lines 20   # a real model

A synthetic corpus (`devtools/synthetic_corpus.py`, not the tests' hand-built one) and the local
OpenAI-compatible server answering `smart` (the reference: both tools must see the same prompts and so get
the same replies). The `llm` agent runs through `run_benchmark`, the inspect tasks `proagentbench/timing` and
`/content` through `inspect_ai.eval` with inspect's own `openai-api` provider against the same server (real
HTTP, through inspect's client). It prints per metric both values and whether they agree, the wall time of
each tool, the time of `export-inspect` and of reading its logs back, and the run log's bytes per sample with
and without the per-sample calls of run-log version 2.

With ``--server-python`` and ``--model-file`` both tools ask llama-cpp-python's server with a real model
instead (see `benchmarks/real_model.py` for getting it; nothing is built or downloaded here): `proagent bench`
negotiates the response format, the inspect tasks are told `response_format=json_object_schema`, the form
that server honours. Requests are then not counted.
"""

import argparse
import contextlib
import json
import math
import os
import platform
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from proagentbench.benchmark import BenchSettings, Spec, read_runlog, run_benchmark
from proagentbench.devtools.model_server import ModelServer
from proagentbench.devtools.synthetic_corpus import SyntheticSpec, write_synthetic_corpus

TIMING = ("accuracy", "precision", "recall", "f1", "false_alarm_rate", "balanced_accuracy", "auroc")
CONTENT = ("intent_accuracy", "intent_macro_f1")


def _same(a: float, b: float | None) -> bool:
    return (b is None and math.isnan(a)) or (b is not None and math.isclose(a, b, abs_tol=1e-12))


@contextlib.contextmanager
def endpoint(args: argparse.Namespace, log: Path) -> Iterator[tuple[str, str, ModelServer | None]]:
    """Base URL, model name and the fake server (None for a real model)."""
    if args.model_file is None:
        with ModelServer() as server:
            yield server.base_url, "local", server
        return
    from proagentbench.devtools.llama_server import ALIAS, llama_server

    with llama_server(args.server_python, args.model_file, log=log) as base_url:
        yield base_url, ALIAS, None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=3)
    parser.add_argument("--points", type=int, default=12, help="Decision points per session.")
    parser.add_argument("--server-python", type=Path, help="Python of a venv with llama-cpp-python[server].")
    parser.add_argument("--model-file", type=Path, help="A GGUF model for that server.")
    parser.add_argument("--timeout", type=float, default=600.0, help="Seconds per request (real model).")
    parser.add_argument("--max-lines", type=int, default=120, help="Event lines per prompt, in both tools.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, endpoint(args, Path(scratch) / "server.log") as found:
        base_url, model, server = found
        root = Path(scratch)
        corpus = root / "corpus"
        spec = SyntheticSpec(
            users=args.users, sessions_per_user=3, events_per_session=400, points_per_session=args.points
        )
        write_synthetic_corpus(corpus, spec)
        agent_args = {
            "base_url": base_url, "model": model, "use_cache": False, "timeout_s": args.timeout,
            "max_lines": args.max_lines,
        }  # fmt: skip
        if server is None:
            agent_args["concurrency"] = 1  # one llama.cpp slot: concurrent requests would only queue
        agent = Spec("llm", agent_args)
        settings = BenchSettings(tasks=("timing", "content"), embeddings=False, resamples=200)
        started = time.perf_counter()
        log = run_benchmark(corpus, agent, settings, root / "run.json")
        bench_s = time.perf_counter() - started
        bench_requests = len(server.requests) if server else None

        from inspect_ai import eval as inspect_eval

        from proagentbench.interop.inspect_tasks import content, timing

        os.environ["LOCAL_BASE_URL"] = base_url
        os.environ["LOCAL_API_KEY"] = "unused"
        mode = "json_schema" if server else "json_object_schema"
        started = time.perf_counter()
        timing_log, content_log = inspect_eval(
            [
                timing(corpus=str(corpus), response_format=mode),
                content(corpus=str(corpus), response_format=mode),
            ],
            model=f"openai-api/local/{model}",
            log_dir=str(root / "logs"),
            display="none",
            max_connections=8 if server else 1,
            timeout=int(args.timeout),
        )
        inspect_s = time.perf_counter() - started
        inspect_requests = len(server.requests) - (bench_requests or 0) if server else None

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
        f"inspect_ai eval (openai-api provider): {inspect_s:.1f} s, {inspect_requests} requests "
        f"(mode negotiated by bench: {log.models['agent']['mode']})"
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
