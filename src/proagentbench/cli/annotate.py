"""`proagent annotate`: label assistance moments in a clean store."""

import dataclasses
from pathlib import Path

import typer

from proagentbench.cli.options import DbOption


def annotate(
    db: Path = DbOption,
    method: str = typer.Option("heuristic", "--method", help="Labelling method: heuristic (offline)."),
    negatives_per_positive: float = typer.Option(
        2.0, "--negatives-per-positive", min=0.0, help="Hard negatives drawn per positive in each session."
    ),
    assistant_pattern: str | None = typer.Option(
        None, "--assistant-pattern", help="Regex on app or window title that marks an LLM assistant window."
    ),
    seed: int = typer.Option(0, "--seed", help="Seed for drawing negatives (labels are deterministic)."),
) -> None:
    """Label the moments when the user turned to an LLM assistant (positives) and look-alike hard negatives.

    Reads and writes the clean store named by --db; raw (non-anonymized) sessions are refused. Re-running
    replaces the earlier labels of the same method.
    """
    from proagentbench.annotator import HeuristicSettings, annotate_store
    from proagentbench.errors import ProagentError

    if db is None:
        raise ProagentError(
            "--db CLEAN is required: annotate the clean store written by `proagent anonymize`"
        )
    if method != "heuristic":
        raise ProagentError(f"unknown --method {method!r}; available: heuristic")
    settings = HeuristicSettings(negatives_per_positive=negatives_per_positive, seed=seed)
    if assistant_pattern is not None:
        settings = dataclasses.replace(settings, assistant_pattern=assistant_pattern)
    totals = annotate_store(db, settings)
    typer.echo(
        f"annotated {totals['sessions']} session(s): {totals['positives']} positive and "
        f"{totals['negatives']} negative decision points"
    )


def register(app: typer.Typer) -> None:
    app.command()(annotate)
