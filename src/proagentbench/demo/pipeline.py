"""The whole road on the bundled sample sessions: each step is the `proagent` command a user would type.

The sample sessions are synthetic and few (their test split has about ten decision points, too few for
confidence intervals to tell agents apart), so the demo also imports the bundled ProactiveBench test data
(real activity labelled by its authors, Apache-2.0; 174 test points with the default split) and compares the
same agents on it.

Running the real commands (in this process) keeps the demo honest: it exercises exactly what users run, and
prints each command so the demo doubles as a tutorial.
"""

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from proagentbench.errors import ProagentError

MARKER = ".proagent-demo"
OFFLINE_AGENTS = ("always", "never", "random", "periodic", "app-prior", "learned")
PROACTIVEBENCH = Path(__file__).resolve().parent / "data" / "proactivebench"


@dataclass(frozen=True)
class Step:
    title: str
    argv: tuple[str, ...]


def demo_steps(out: Path, *, workers: int) -> list[Step]:
    raw, clean, corpus = out / "raw.sqlite", out / "clean.sqlite", out / "corpus"
    runs = out / "runs"
    steps = [
        Step("What the recorder captured (the bundled sample sessions)", ("sessions", "--db", str(raw))),
        Step(
            "Scrub text and screenshots into a separate clean store (raw stays untouched)",
            ("anonymize", "--db", str(raw), "--out", str(clean), "--workers", str(workers)),
        ),
        Step("Re-scan the clean store for residual personal data", ("verify", "--db", str(clean))),
        Step("Label assistance moments and hard negatives", ("annotate", "--db", str(clean))),
        Step(
            "Export the corpus (Parquet, redacted images, manifest, dataset card)",
            (
                "export",
                "--db",
                str(clean),
                "--out-dir",
                str(corpus),
                "--split-by",
                "session",
                "--test-fraction",
                "0.5",
            ),
        ),
        Step("Corpus statistics", ("stats", str(corpus), "--plots", str(out / "plots"))),
    ]
    for agent in OFFLINE_AGENTS:
        steps.append(
            Step(
                f"Benchmark the {agent} agent",
                (
                    "bench",
                    "--corpus",
                    str(corpus),
                    "--agent",
                    agent,
                    "--memory",
                    "kg",
                    "--out",
                    str(runs / f"{agent}.json"),
                ),
            )
        )
    steps.append(_report("Compare the agents", runs, out / "report"))
    return steps + public_data_steps(out)


def public_data_steps(out: Path) -> list[Step]:
    """Import the bundled ProactiveBench data, benchmark every offline agent on it and compare them."""
    corpus, runs = out / "proactivebench", out / "runs" / "proactivebench"
    steps = [
        Step(
            "Import public data: ProactiveBench (real activity, labelled by its authors; Apache-2.0)",
            ("import", "proactivebench", str(PROACTIVEBENCH), "--out-dir", str(corpus)),
        )
    ]
    for agent in OFFLINE_AGENTS:
        steps.append(
            Step(
                f"Benchmark the {agent} agent on ProactiveBench",
                ("bench", "--corpus", str(corpus), "--agent", agent, "--out", str(runs / f"{agent}.json")),
            )
        )
    steps.append(_report("Compare the agents on ProactiveBench", runs, out / "report-proactivebench"))
    return steps


def _report(title: str, runs: Path, out_dir: Path) -> Step:
    logs = (str(runs / f"{agent}.json") for agent in OFFLINE_AGENTS)
    return Step(title, ("bench", "report", *logs, "--out-dir", str(out_dir)))


def prepare_output(out: Path, *, force: bool) -> None:
    """Use ``out`` for the demo; an earlier demo's folder is replaced only with ``force``."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise ProagentError(
                f"{out}: exists and was not made by `proagent demo`; choose another --out-dir"
            )
        if not force:
            raise ProagentError(f"{out}: holds an earlier demo; pass --force to replace it")
        shutil.rmtree(out)
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    (out / MARKER).write_text("made by `proagent demo`; safe to delete\n")


def run_demo(out: Path, *, force: bool, workers: int, run_command: Callable[[tuple[str, ...]], None]) -> None:
    from proagentbench.demo.sample import build_sample_store

    prepare_output(out, force=force)
    build_sample_store(out / "raw.sqlite")
    for step in demo_steps(out, workers=workers):
        run_command(("# " + step.title,))
        run_command(step.argv)
