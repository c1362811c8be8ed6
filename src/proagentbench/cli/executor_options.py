"""`--executor` and `--ray-address`, shared by anonymize, annotate and bench."""

from typing import Any

import typer

from proagentbench import plugins
from proagentbench.errors import ProagentError

RAY_ADDRESS_HELP = (
    "With --executor ray: auto (the cluster this machine belongs to) or ray://HOST:PORT "
    "(default: start a local Ray instance on this machine)."
)
RayAddressOption = typer.Option(None, "--ray-address", help=RAY_ADDRESS_HELP)


def executor_help(units: str, default: str) -> str:
    return (
        f"Where {units} run: inline, process, thread, ray, an entry-point name "
        f"(group proagentbench.executors) or module:attr (default: {default})."
    )


def executor_option(units: str, default: str) -> Any:
    return typer.Option(None, "--executor", help=executor_help(units, default))


def executor_spec_for(
    name: str | None, workers: int | None, ray_address: str | None = None
) -> plugins.Spec | None:
    """The executor named on the command line, given `workers` (and `address`) when its factory takes
    them. None leaves the command's default. An unknown name is a one-line error here, before any store is
    opened."""
    if name is None:
        if ray_address is not None:
            raise ProagentError("--ray-address is only for --executor ray")
        return None
    factory = plugins.load("executors", name)
    candidates: dict[str, object] = {} if workers is None else {"workers": workers}
    if ray_address is not None:
        if "address" not in plugins.accepted(factory, {"address": ray_address}):
            raise ProagentError(f"--ray-address is only for --executor ray, not {name!r}")
        candidates["address"] = ray_address
    return plugins.Spec(name, plugins.accepted(factory, candidates))
