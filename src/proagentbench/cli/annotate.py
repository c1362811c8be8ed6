"""`proagent annotate`: label assistance moments in a clean store."""

from pathlib import Path
from typing import Any

import typer

from proagentbench import paths
from proagentbench.cli.errors import naming
from proagentbench.cli.executor_options import RayAddressOption, executor_option, executor_spec_for
from proagentbench.cli.model_options import (
    ApiKeyEnvOption,
    BaseUrlOption,
    MaxCostOption,
    MaxRequestsOption,
    ModelOption,
    PricesOption,
)
from proagentbench.cli.options import ConfigOption, DbOption, JsonOption, parse_plugin_args

ArgOption = typer.Option(
    [], "--arg", help="Annotator argument KEY=VALUE (JSON values); repeatable. Overrides the config file."
)
# The heuristic's own settings as flags; None means "not given" so the config file's args still apply.
HEURISTIC_FLAGS = ("negatives_per_positive", "assistant_pattern", "seed")


def annotate(
    db: Path = DbOption,
    method: str | None = typer.Option(
        None,
        "--method",
        help="Annotator: heuristic (offline, the default), vlm (a model; needs --model), an entry-point name "
        "(group proagentbench.annotators) or module:attr. Default: [annotator] method in the config "
        "file, else heuristic.",
    ),
    arg: list[str] = ArgOption,
    negatives_per_positive: float | None = typer.Option(
        None,
        "--negatives-per-positive",
        min=0.0,
        help="heuristic: hard negatives drawn per positive in each session (default 2).",
    ),
    assistant_pattern: str | None = typer.Option(
        None,
        "--assistant-pattern",
        help="heuristic: regex on app or window title that marks an LLM assistant window.",
    ),
    seed: int | None = typer.Option(
        None, "--seed", help="heuristic: seed for drawing negatives (labels are deterministic; default 0)."
    ),
    model: str | None = ModelOption,
    base_url: str | None = BaseUrlOption,
    api_key_env: str | None = ApiKeyEnvOption,
    max_requests: int | None = MaxRequestsOption,
    max_cost: float | None = MaxCostOption,
    prices: Path | None = PricesOption,
    executor: str | None = executor_option("sessions", "inline"),
    ray_address: str | None = RayAddressOption,
    config: Path | None = ConfigOption,
    as_json: bool = JsonOption,
    agreement: bool = typer.Option(
        False,
        "--agreement",
        help="Label nothing: report Cohen's kappa and confusion tables between the sources in the store.",
    ),
    tolerance_s: float | None = typer.Option(
        None,
        "--tolerance-s",
        min=0.0,
        help="--agreement: points of two sources this close are the same moment (default 5 s).",
    ),
) -> None:
    """Label the moments when the user turned to an LLM assistant (positives) and look-alike hard negatives.

    Reads and writes the clean store named by --db; raw (non-anonymized) sessions are refused. Re-running
    replaces the earlier labels of the same annotator; every label records the annotator's name and arguments.
    With --method vlm the endpoint is checked before any work, and a budget stops the run cleanly: run the
    same command again to continue (answered moments come from the reply cache at no cost).
    """
    import json

    from proagentbench.annotator import annotate_store, build_annotator
    from proagentbench.annotator.config import annotator_config
    from proagentbench.cli import model_options
    from proagentbench.cli.progress import RichProgress
    from proagentbench.config import load_config
    from proagentbench.errors import ProagentError
    from proagentbench.plugins import Spec

    executor_spec = executor_spec_for(executor, None, ray_address)
    if db is None:
        raise ProagentError(
            "--db CLEAN is required: annotate the clean store written by `proagent anonymize`"
        )
    if agreement:
        _report_agreement(db, 5.0 if tolerance_s is None else tolerance_s, as_json=as_json)
        return
    if tolerance_s is not None:
        raise ProagentError("--tolerance-s: only with --agreement")
    config_file = paths.config_path(config)
    configured = annotator_config(load_config(config_file))
    name = method or configured.method
    args: dict[str, Any] = dict(configured.args) if name == configured.method else {}
    args.update(parse_plugin_args(arg))
    given = {
        key: value
        for key, value in zip(HEURISTIC_FLAGS, (negatives_per_positive, assistant_pattern, seed), strict=True)
        if value is not None
    }
    if given and name != "heuristic":
        flags = ", ".join("--" + key.replace("_", "-") for key in given)
        raise ProagentError(f"{flags}: only for --method heuristic; pass --arg KEY=VALUE to {name!r}")
    args.update(given)
    args = model_options.model_args(name, args, model=model, base_url=base_url, api_key_env=api_key_env)
    annotator = build_annotator(Spec(name, args))
    executor_name = (executor_spec or Spec("inline")).name
    budget = model_options.make_budget(
        annotator,
        max_requests=max_requests,
        max_cost=max_cost,
        prices=prices,
        config_file=config_file,
        executor=executor_name,
    )
    model_options.check_endpoint(annotator)
    with naming(store=db), RichProgress(transient=True) as bar:
        totals = annotate_store(db, annotator, executor=executor_spec, progress=bar)
    usage = model_options.usage_report(annotator, budget, executor_name)
    stopped = _stopped_line(totals, budget.limits.describe() if budget is not None else "")
    if as_json:
        extra = {"usage": usage} if usage is not None else {}
        typer.echo(json.dumps({**totals, "annotator": annotator.spec.to_json(), **extra}, indent=2))
        if stopped:
            typer.echo(stopped, err=True)
        return
    typer.echo(
        f"annotated {totals['sessions']} session(s) with {annotator.source}: {totals['positives']} positive "
        f"and {totals['negatives']} negative decision points"
    )
    if usage is not None:
        typer.echo(model_options.usage_line(usage))
    if totals.get("privacy_flags"):
        typer.echo(
            f"{totals['privacy_flags']} segment(s) flagged for personal data the anonymizer missed: kept out "
            "of the export unless cleared in `proagent review`"
        )
    if stopped:
        typer.echo(stopped, err=True)


def _stopped_line(totals: dict[str, int], limits: str) -> str:
    left = totals.get("sessions_left")
    if left is None:
        return ""
    return (
        f"stopped at the budget ({limits}) with {left} session(s) not labelled yet; run the same command "
        "again (with a larger budget) to continue: moments already answered come from the cache at no cost"
    )


def _report_agreement(db: Path, tolerance_s: float, *, as_json: bool) -> None:
    import json

    from proagentbench.annotator.agreement import format_agreement
    from proagentbench.annotator.review.data import store_agreement
    from proagentbench.cli.errors import naming

    with naming(store=db):
        report = store_agreement(db, tolerance_s=tolerance_s)
    typer.echo(json.dumps(report, indent=2) if as_json else "\n".join(format_agreement(report)))


def register(app: typer.Typer) -> None:
    app.command()(annotate)
