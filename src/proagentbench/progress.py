"""The one progress-callback shape every long job reports through.

A job asks for a task per thing it counts (``advance = progress.task("frames", total)``), calls ``advance(n)``
as work is done, and sends one-line outcomes with ``note``. The CLI renders it as rich bars on stderr
(`proagentbench.cli.progress.RichProgress`); library callers pass nothing and get `SILENT`.
"""

from collections.abc import Callable
from typing import Protocol

Advance = Callable[[int], None]


class Progress(Protocol):
    def task(self, description: str, total: int | None) -> Advance:
        """Start counting ``total`` units (None: unknown); returns the function that advances the count."""
        ...

    def note(self, message: str) -> None:
        """A one-line outcome (a session done or failed) shown above the bars."""
        ...


class _Silent:
    def task(self, description: str, total: int | None) -> Advance:
        del description, total
        return _ignore

    def note(self, message: str) -> None:
        del message


def _ignore(count: int) -> None:
    del count


SILENT: Progress = _Silent()
