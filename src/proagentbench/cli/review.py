"""`proagent review`: check the labels of a clean store in the browser (stored as source ``human``)."""

from pathlib import Path

import typer

from proagentbench.cli.options import DbOption


def review(
    db: Path = DbOption,
    port: int = typer.Option(
        0, "--port", min=0, max=65535, help="Port on 127.0.0.1 (default 0: a free one)."
    ),
    no_browser: bool = typer.Option(False, "--no-browser", help="Print the address; do not open a browser."),
    tolerance_s: float = typer.Option(
        5.0, "--tolerance-s", min=0.0, help="Agreement: points of two sources this close are the same moment."
    ),
) -> None:
    """Serve a local page (127.0.0.1 only) to accept, reject or edit the labels of a clean store.

    Shows each session's timeline (windows, typed text, frames, input events) with its decision points, the
    redacted frames and context before each point and every annotator's label; decisions are keyboard-driven
    and stored as source `human`. Privacy flags can be cleared or confirmed. Stops with Ctrl-C.
    """
    from proagentbench.annotator.review.server import ReviewServer
    from proagentbench.cli.errors import naming
    from proagentbench.errors import ProagentError

    if db is None:
        raise ProagentError("--db CLEAN is required: review the clean store written by `proagent anonymize`")
    with naming(store=db):
        server = ReviewServer(db, port=port, tolerance_s=tolerance_s)
    typer.echo(f"reviewing {db} at {server.url} (Ctrl-C stops)")
    if not no_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    finally:
        server.close()


def register(app: typer.Typer) -> None:
    app.command()(review)
