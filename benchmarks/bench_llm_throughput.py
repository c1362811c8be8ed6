"""LLM agent against the local OpenAI-compatible server with a fixed latency: decision points per minute.

    python benchmarks/bench_llm_throughput.py [--latency 1.0] [--concurrency 1,8,32]

Each concurrency level gets its own synthetic corpus with max(20, 4 x concurrency) test decision points, the
reply cache is off, and the server answers every request after `--latency` seconds.
"""

import argparse
import tempfile
import time
from pathlib import Path

from proagentbench.benchmark import BenchSettings, Spec, run_benchmark
from proagentbench.devtools.model_server import ModelServer
from proagentbench.devtools.synthetic_corpus import SyntheticSpec, write_synthetic_corpus


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--concurrency", default="1,8,32")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, ModelServer(latency_s=args.latency) as server:
        print("| concurrency | decision points | seconds | points per minute |\n|---|---|---|---|")
        for level in (int(c) for c in args.concurrency.split(",")):
            points = max(20, 4 * level)
            corpus = Path(scratch) / f"c{level}"
            write_synthetic_corpus(
                corpus,
                SyntheticSpec(
                    users=1, sessions_per_user=2, events_per_session=points * 10, points_per_session=points
                ),
            )
            spec = Spec(
                "llm",
                {"base_url": server.base_url, "model": "local", "use_cache": False, "concurrency": level},
            )
            settings = BenchSettings(tasks=("timing",), embeddings=False, resamples=200)
            started = time.perf_counter()
            log = run_benchmark(corpus, spec, settings, Path(scratch) / f"run{level}.json")
            elapsed = time.perf_counter() - started
            answered = sum(r.error is None for r in log.conditions[0].timing)
            print(f"| {level} | {answered} | {elapsed:.1f} | {answered / elapsed * 60:.0f} |", flush=True)


if __name__ == "__main__":
    main()
