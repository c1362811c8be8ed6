"""Options shared by several commands, declared once."""

from pathlib import Path

import typer

from proagentbench import paths

DataDirOption = typer.Option(
    None,
    "--data-dir",
    help=f"Data directory (default: ${paths.DATA_DIR_ENV} or the platform's user data directory).",
    file_okay=False,
)
DbOption = typer.Option(
    None, "--db", help="Store file (default: raw.sqlite in the data directory).", dir_okay=False
)
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table.")


def resolve_db(db: Path | None, data_dir: Path | None) -> Path:
    if db is not None:
        return db.expanduser()
    return paths.raw_db_path(paths.data_dir(data_dir))
