"""Options shared by several commands, declared once."""

import json
from pathlib import Path
from typing import Any

import typer

from proagentbench import paths
from proagentbench.errors import ProagentError

DataDirOption = typer.Option(
    None,
    "--data-dir",
    help=f"Data directory (default: ${paths.DATA_DIR_ENV} or the platform's user data directory).",
    file_okay=False,
)
DbOption = typer.Option(
    None, "--db", help="Store file (default: raw.sqlite in the data directory).", dir_okay=False
)
ConfigOption = typer.Option(
    None,
    "--config",
    help=f"Configuration file (default: ${paths.CONFIG_ENV} or the platform's config directory).",
    dir_okay=False,
)
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table.")


def parse_plugin_args(pairs: list[str], *, flag: str = "--arg") -> dict[str, Any]:
    """KEY=VALUE pairs for a component's factory; values are JSON when they parse (numbers, true, lists),
    else strings. Dashes in keys become underscores."""
    args: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise ProagentError(f"{flag} {pair!r}: expected KEY=VALUE")
        try:
            args[key.replace("-", "_")] = json.loads(raw)
        except json.JSONDecodeError:
            args[key.replace("-", "_")] = raw
    return args


def resolve_db(db: Path | None, data_dir: Path | None) -> Path:
    if db is not None:
        return db.expanduser()
    return paths.raw_db_path(paths.data_dir(data_dir))
