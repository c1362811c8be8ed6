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
JSON_HELP = "Print the result as JSON on stdout (progress and notes go to stderr)."
JsonOption = typer.Option(False, "--json", help=JSON_HELP)


def legacy_out_option(replacement: str) -> Any:
    """The old spelling ``--out`` of a folder option, hidden from --help and kept for scripts that use it
    (an `Annotated` option: its default is the parameter's)."""
    return typer.Option("--out", hidden=True, help=f"Deprecated spelling of {replacement}.")


def out_dir_from(out_dir: Path | None, legacy: Path | None, *, flag: str = "--out-dir") -> Path:
    """The folder named by ``--out-dir`` or its deprecated spelling ``--out`` (one of them is required)."""
    if out_dir is not None and legacy is not None:
        raise ProagentError(f"{flag} and --out name the same folder: give only {flag}")
    chosen = out_dir if out_dir is not None else legacy
    if chosen is None:
        raise ProagentError(f"{flag} DIR is required (see --help)")
    return chosen.expanduser()


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
