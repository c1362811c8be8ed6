"""Real run logs for the report tests: offline agents on the hand-built two-user corpus, once per module."""

from pathlib import Path

from proagentbench.benchmark import BenchSettings, RunLog, Spec, run_benchmark

SWEEP = (60.0, 300.0)


def report_logs(corpus: Path, out: Path) -> list[RunLog]:
    """The always agent (swept), random(seed=7) swept with and without memory, and app-prior (content too)."""
    logs = []
    for name, args, memory in (
        ("always", {}, "none"),
        ("random", {"seed": 7}, "none"),
        ("random", {"seed": 7}, "kg"),
        ("app-prior", {}, "none"),
    ):
        settings = BenchSettings(
            tasks=("timing", "content"), contexts_s=SWEEP, memory=memory, embeddings=False, resamples=200
        )
        logs.append(run_benchmark(corpus, Spec(name, args), settings, out / f"{name}-{memory}.json"))
    return logs
