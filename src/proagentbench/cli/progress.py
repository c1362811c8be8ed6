"""The progress bar every long command shows: description, bar, done/total, time elapsed and time left, on
stderr so that stdout stays for the command's output."""

from collections.abc import Callable
from typing import Any


def counting_progress(*, transient: bool = False) -> Any:
    """A rich `Progress` (use it as a context manager); tasks are added by the caller."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        transient=transient,
        # Off a terminal a bar is drawn once, at the end; a transient one would leave only a blank line.
        disable=transient and not console.is_terminal,
    )


class RichProgress:
    """`proagentbench.progress.Progress` drawn as rich bars (one per task) on stderr."""

    def __init__(self, *, transient: bool = False) -> None:
        self._bars = counting_progress(transient=transient)

    def __enter__(self) -> "RichProgress":
        self._bars.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            # A command that fails ends on its one error line, not on half-filled bars above it.
            self._bars.live.transient = True
        self._bars.__exit__(*exc)

    def task(self, description: str, total: int | None) -> Callable[[int], None]:
        task_id = self._bars.add_task(description, total=total)
        return lambda count: self._bars.advance(task_id, count)

    def note(self, message: str) -> None:
        # One line as given: not wrapped at the terminal's width, brackets in it not read as markup.
        self._bars.console.print(message, markup=False, highlight=False, soft_wrap=True)
