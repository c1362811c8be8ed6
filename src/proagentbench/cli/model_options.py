"""`proagent annotate`'s model flags: endpoint, model and key variable; the budget and its price table;
the endpoint check before any work; the token accounting printed after."""

import os
from pathlib import Path
from typing import Any

import typer

from proagentbench.errors import ProagentError
from proagentbench.models.budget import Budget, BudgetLimits
from proagentbench.models.client import BASE_URL_ENV, ModelError

MODEL_METHODS = ("vlm",)  # built-ins that call a model (third-party annotators take --arg)

BaseUrlOption = typer.Option(
    None,
    "--base-url",
    help=f"Model endpoint (OpenAI-compatible; default ${BASE_URL_ENV}, recorded in the labels' spec).",
)
ModelOption = typer.Option(None, "--model", help="Model to ask (required for --method vlm).")
ApiKeyEnvOption = typer.Option(
    None, "--api-key-env", help="Environment variable holding the API key (default OPENAI_API_KEY)."
)
MaxRequestsOption = typer.Option(
    None, "--max-requests", min=1, help="Stop cleanly after this many model requests (resumable)."
)
MaxCostOption = typer.Option(
    None, "--max-cost", min=0.0, help="Stop cleanly once the run has cost this many USD (needs a price)."
)
PricesOption = typer.Option(
    None,
    "--prices",
    dir_okay=False,
    help="Price table (TOML, USD per 1M tokens per model; default prices.toml beside the config file).",
)


def model_args(
    method: str, args: dict[str, Any], *, model: str | None, base_url: str | None, api_key_env: str | None
) -> dict[str, Any]:
    """The annotator's arguments with the model flags applied. A model-backed built-in needs a model
    (none is assumed), and records $OPENAI_BASE_URL as its ``base_url`` when no flag or argument names one."""
    given = {"model": model, "base_url": base_url, "api_key_env": api_key_env}
    given = {key: value for key, value in given.items() if value is not None}
    if method not in MODEL_METHODS:
        if given and method == "heuristic":
            flags = ", ".join("--" + key.replace("_", "-") for key in given)
            raise ProagentError(f"{flags}: only for a model-backed annotator (--method vlm)")
        return {**args, **given}
    merged = {**args, **given}
    if not merged.get("model"):
        raise ProagentError(f"--method {method} needs --model NAME (the model to ask; none is assumed)")
    if not merged.get("base_url") and os.environ.get(BASE_URL_ENV):
        merged["base_url"] = os.environ[BASE_URL_ENV]
    key_env = merged.get("api_key_env")
    if api_key_env is not None and not os.environ.get(str(key_env)):
        raise ModelError(f"no API key: ${key_env} (named by --api-key-env) is not set")
    return merged


def make_budget(
    annotator: object,
    *,
    max_requests: int | None,
    max_cost: float | None,
    prices: Path | None,
    config_file: Path,
    executor: str,
) -> Budget | None:
    """The run's budget (also when unlimited: it computes the cost when the model has a price), set on a
    model-backed annotator; usage errors for limits an annotator or executor cannot honour."""
    from proagentbench.annotator.run import SHARED_EXECUTORS
    from proagentbench.models.prices import default_prices_path, load_prices

    limits = BudgetLimits(max_requests, max_cost)
    set_budget = getattr(annotator, "set_budget", None)
    if not callable(set_budget):
        if limits != BudgetLimits():
            raise ProagentError(f"{limits.describe()}: only for a model-backed annotator (--method vlm)")
        return None
    if limits != BudgetLimits() and executor not in SHARED_EXECUTORS:
        raise ProagentError(
            f"{limits.describe()}: only with --executor {' or '.join(SHARED_EXECUTORS)} (one budget per run)"
        )
    path = prices if prices is not None else default_prices_path(config_file)
    table = load_prices(path, required=prices is not None)
    model = str(getattr(annotator, "args", {}).get("model", ""))
    price = table.get(model)
    if max_cost is not None and price is None:
        raise ProagentError(
            f"--max-cost: no price for model {model!r} in {path}; add "
            f'[models."{model}"] with input and output (USD per 1M tokens)'
        )
    budget = Budget(limits, price)
    set_budget(budget)
    return budget


def check_endpoint(annotator: object) -> None:
    """The endpoint check of a model-backed annotator (exit 4 in one line), before any work."""
    check = getattr(annotator, "check", None)
    if callable(check):
        check()


def usage_report(annotator: object, budget: Budget | None, executor: str) -> dict[str, Any] | None:
    """Requests, tokens and cost of the run; None when the annotator calls no model, or its calls were made
    in worker processes (whose counts stay there)."""
    from proagentbench.annotator.run import SHARED_EXECUTORS

    usage = getattr(annotator, "usage", None)
    if not callable(usage) or executor not in SHARED_EXECUTORS:
        return None
    report: dict[str, Any] = dict(usage())
    if budget is not None:
        report["cost_usd"] = round(budget.cost, 6) if budget.price is not None else None
        report["limits"] = {"max_requests": budget.limits.max_requests, "max_cost": budget.limits.max_cost}
    return report


def usage_line(report: dict[str, Any]) -> str:
    cost = report.get("cost_usd")
    priced = f"cost ${cost:.4f}" if cost is not None else "cost unknown (no price for this model)"
    return (
        f"model {report['model']} at {report['endpoint']}: {report['requests']} request(s), "
        f"{report['cached']} from the cache, {report['failed']} failed; {report['prompt_tokens']} prompt + "
        f"{report['completion_tokens']} completion tokens; {priced}"
    )
