"""The progress bar every long command shows: description, bar, done/total and time left, on stderr so that
stdout stays for the command's output."""

from typing import Any


def counting_progress(*, transient: bool = False) -> Any:
    """A rich `Progress` (use it as a context manager); tasks are added by the caller."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=transient,
    )
