"""Commands of this stage register here (filled in by the issue that builds the stage)."""

import typer


def register(app: typer.Typer) -> None:
    del app
