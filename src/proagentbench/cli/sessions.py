"""`proagent sessions`: list the sessions of a store."""

import json
from pathlib import Path

import typer

from proagentbench.cli.errors import naming
from proagentbench.cli.options import DataDirOption, DbOption, JsonOption, resolve_db

MigrateOption = typer.Option(
    False,
    "--migrate",
    help="Bring the store to this release's schema version first (the only change it makes; data is kept).",
)


def sessions(
    db: Path | None = DbOption,
    data_dir: Path | None = DataDirOption,
    as_json: bool = JsonOption,
    migrate: bool = MigrateOption,
) -> None:
    """List the sessions in a store with their state and counts of events, screenshots and annotations."""
    from proagentbench.store import list_sessions, open_store
    from proagentbench.timeutil import us_to_iso

    path = resolve_db(db, data_dir)
    with naming(store=path):
        # Read-only unless asked: listing must not change a store (nor a foreign file) in any way.
        engine = open_store(path, read_only=not migrate)
        try:
            summaries = list_sessions(engine)
        finally:
            engine.dispose()
    if as_json:
        typer.echo(json.dumps([summary.to_json() for summary in summaries], indent=2))
        return
    from proagentbench.cli.tables import Column, print_table

    headers = ["id", "user", "started (UTC)", "ended (UTC)", "state"]
    counts = [Column("events", "right"), Column("screenshots", "right"), Column("annotations", "right")]
    rows = []
    for summary in summaries:
        ended = us_to_iso(summary.ended_at) or "recording"
        if summary.end_reason == "crashed":
            ended += " (crashed)"
        rows.append(
            [
                str(summary.id),
                summary.user,
                us_to_iso(summary.started_at) or "",
                ended,
                summary.state,
                str(sum(summary.counts.values())),
                str(summary.screenshots),
                str(summary.annotations),
            ]
        )
    print_table([*headers, *counts], rows)


def register(app: typer.Typer) -> None:
    app.command()(sessions)
