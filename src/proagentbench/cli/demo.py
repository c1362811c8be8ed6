"""`proagent demo`: the bundled sample sessions through the whole pipeline, offline."""

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

from proagentbench.cli.options import legacy_out_option

DEFAULT_OUT = "proagent-demo"


def demo(
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            help="Folder for every artefact of the demo.",
            file_okay=False,
            show_default=DEFAULT_OUT,
        ),
    ] = None,
    legacy_out: Annotated[Path | None, legacy_out_option("--out-dir")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the folder of an earlier demo.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for screenshot OCR.")] = 2,
) -> None:
    """Run the bundled sample sessions through the whole road: anonymize, verify, annotate, export, stats,
    and benchmark the offline agents. Needs no key and no network; prints every command it runs.
    """
    import typer.main
    from rich.console import Console

    from proagentbench.cli.main import app
    from proagentbench.cli.options import out_dir_from
    from proagentbench.demo.pipeline import run_demo
    from proagentbench.errors import ProagentError

    out = out_dir_from(out_dir, legacy_out) if (out_dir or legacy_out) else Path(DEFAULT_OUT)
    console = Console()
    command = typer.main.get_command(app)

    def run_command(argv: tuple[str, ...]) -> None:
        if argv[0].startswith("#"):
            heading(console, argv[0][1:].strip())
            return
        console.print(f"[bold]$ proagent {shlex.join(argv)}[/bold]")
        try:
            # Outside standalone mode click returns a command's exit code instead of exiting with it.
            code = command.main(list(argv), prog_name="proagent", standalone_mode=False)
        except typer.Exit as exc:
            code = exc.exit_code
        if isinstance(code, int) and not isinstance(code, bool) and code:
            raise ProagentError(f"the demo stopped: `proagent {shlex.join(argv)}` exited with status {code}")

    console.print(f"Building the sample sessions in {out} ...")
    run_demo(out, force=force, workers=workers, run_command=run_command)
    console.rule("Done")
    console.print(
        f"Everything is in {out}: raw.sqlite (raw, never leaves the machine), clean.sqlite, corpus/ "
        f"(the publishable dataset, synthetic), plots/, runs/, report/report.md, and proactivebench/ "
        f"(the bundled public data) with its comparison in report-proactivebench/report.md."
    )


def heading(console: "Console", title: str) -> None:
    """A rule with the step's title; a title too long for the width goes on its own (wrapped) lines below a
    plain rule, since rich cuts a rule's title with `…`."""
    if len(title) + 6 <= console.width:
        console.rule(title)
    else:
        console.rule()
        console.print(title, style="bold", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(demo)
