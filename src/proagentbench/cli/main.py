"""The `proagent` command: a thin layer over the Python API.

Each stage registers its commands from its own module, so the CLI grows without one module owning all of it,
and importing the CLI never imports the capture, OCR or model stacks (commands import them when they run).
"""

import importlib
import sys

import typer

from proagentbench import __version__
from proagentbench.cli.placeholders import HELP_SETTINGS, name_placeholders
from proagentbench.errors import ExitCode

COMMAND_MODULES = ("sessions", "record", "anonymize", "annotate", "review", "export", "bench", "demo")

app = typer.Typer(
    name="proagent",
    help=(
        "Record desktop work, scrub it of personal data, label assistance moments, export a corpus and "
        "benchmark proactive agents on it. Raw data never leaves this machine."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # click's plain help: it wraps descriptions instead of cutting flag names at 80 columns as rich's does.
    rich_markup_mode=None,
    context_settings=HELP_SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"proagent {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "-V", "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Record desktop work, scrub it, label it, export it and benchmark agents on it."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"proagentbench.cli.{_name}").register(app)
name_placeholders(app)


def run() -> None:
    """Console entry point: the one error boundary. Every failure becomes one line on stderr and an exit code
    from `ExitCode` (docs/cli.md, "Exit codes"), never a traceback unless $PROAGENT_DEBUG asks for it."""
    from proagentbench.cli.errors import report
    from proagentbench.cli.interrupts import stop_on_sigterm

    stop_on_sigterm()
    try:
        # Non-standalone typer turns Ctrl-C into a returned exit code (130) instead of raising.
        code = app(standalone_mode=False, prog_name="proagent")
        if isinstance(code, int) and code:
            if code == ExitCode.INTERRUPTED:
                _interrupted()
            sys.exit(code)
    except KeyboardInterrupt:
        _interrupted()
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("proagent: aborted", err=True)
        sys.exit(ExitCode.FAILURE)
    except Exception as exc:
        if isinstance(exc, _click_exception_types()):
            # click's usage errors arrive here in non-standalone mode: one line, like every other error. A
            # bare `proagent` has already printed its help and carries no message.
            message = exc.format_message()  # type: ignore[attr-defined]
            if message:
                typer.echo(f"proagent: error: {message} (see --help)", err=True)
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        sys.exit(report(exc, lambda line: typer.echo(line, err=True)))


def _interrupted() -> None:
    from proagentbench.cli.interrupts import was_terminated

    if was_terminated():
        typer.echo("proagent: terminated", err=True)
        sys.exit(ExitCode.TERMINATED)
    typer.echo("proagent: interrupted", err=True)
    sys.exit(ExitCode.INTERRUPTED)


def _click_exception_types() -> tuple[type[Exception], ...]:
    """Recent typer releases vendor click as `typer._click`; older ones raise click's own exceptions."""
    import click

    types: list[type[Exception]] = [click.ClickException]
    try:
        from typer._click.exceptions import ClickException as VendoredClickException
    except ImportError:
        pass
    else:
        types.append(VendoredClickException)
    return tuple(types)
