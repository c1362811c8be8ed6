"""Every offline baseline on one corpus: time, peak memory and the metrics table (Markdown, HTML, PNG).

    python benchmarks/bench_offline.py --corpus DIR --out-dir benchmarks/results/offline [--task all]
        [--context 300] [--memory none] [--no-embeddings]

Any corpus directory works (a synthetic one from make_synthetic_corpus.py, an export, or an imported
ProactiveBench set), so a published table is one command. Peak memory is the process's maximum RSS.
"""

import argparse
import resource
import sys
import time
from pathlib import Path

from proagentbench.benchmark import BenchSettings, Spec, run_benchmark
from proagentbench.benchmark.report import collect_rows, markdown_table, write_report
from proagentbench.errors import ProagentError

OFFLINE_AGENTS = ("always", "never", "random", "periodic", "app-prior", "learned")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--out-dir", type=Path, required=True)
    parser.add_argument("--task", choices=("timing", "content", "all"), default="all")
    parser.add_argument("--context", default="300", help="seconds, comma-separated for a sweep")
    parser.add_argument("--memory", choices=("none", "kg", "rag"), default="none")
    parser.add_argument("--no-embeddings", action="store_true", help="skip semantic similarity")
    parser.add_argument("--agents", default=",".join(OFFLINE_AGENTS))
    args = parser.parse_args()
    tasks = ("timing", "content") if args.task == "all" else (args.task,)
    settings = BenchSettings(
        tasks=tasks,
        contexts_s=tuple(float(w) for w in args.context.split(",")),
        memory=args.memory,
        embeddings=not args.no_embeddings,
    )
    args.out_dir.mkdir(parents=True, exist_ok=True)
    logs = []
    started = time.perf_counter()
    for name in args.agents.split(","):
        out = args.out_dir / f"{name}.json"
        out.unlink(missing_ok=True)  # a fresh measurement, not a resume
        t0 = time.perf_counter()
        try:
            logs.append(run_benchmark(args.corpus, Spec(name), settings, out))
        except ProagentError as exc:  # e.g. no train split for a learning agent: report it, run the others
            print(f"{name:10s} skipped: {exc}", flush=True)
            continue
        print(
            f"{name:10s} {time.perf_counter() - t0:6.2f} s  peak RSS so far {peak_rss_mb():6.0f} MB",
            flush=True,
        )
    total = time.perf_counter() - started
    if not logs:
        raise SystemExit("no agent could be evaluated")
    write_report(logs, args.out_dir)
    print(markdown_table(collect_rows(logs)))
    points = sum(len(c.timing) + len(c.content) for log in logs for c in log.conditions)
    print(
        f"end-to-end: {total:.1f} s for {len(logs)} agents, {points} agent answers; "
        f"peak RSS {peak_rss_mb():.0f} MB; python {sys.version.split()[0]}"
    )


if __name__ == "__main__":
    main()
