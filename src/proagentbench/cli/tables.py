"""Tables on the terminal that never cut a cell, at any width and in pipes.

A table is drawn whole when it fits the console. Otherwise, columns that hold no value in any row are left out
(named in a caption), then each cell's more compact form is tried (a cell may offer several renderings,
fullest first, e.g. a metric with and without its CI); then the table is turned so that each row is a column
(a few wide records side by side), and what still does not fit is printed as one record per row,
`header: value` lines, where a long value wraps instead of being cut.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

EMPTY = "–"  # what a cell without a value shows

Cell = str | tuple[str, ...]  # one rendering, or several from fullest to most compact


@dataclass(frozen=True)
class Column:
    header: str
    justify: Literal["left", "right"] = "left"


def print_table(
    columns: Sequence[Column | str],
    rows: Sequence[Sequence[Cell]],
    *,
    title: str | None = None,
    console: "Console | None" = None,
) -> None:
    """Draw ``rows`` under ``columns`` on ``console`` (stdout by default) in the widest layout that fits."""
    from rich.console import Console

    out = console or Console()
    heads = [column if isinstance(column, Column) else Column(column) for column in columns]
    levels = max((len(cell) for row in rows for cell in row if isinstance(cell, tuple)), default=1)
    full = [[_form(cell, 0) for cell in row] for row in rows]
    kept = [i for i in range(len(heads)) if not rows or any(row[i] != EMPTY for row in full)]
    dropped = [heads[i].header for i in range(len(heads)) if i not in kept]
    layouts = (list(range(len(heads))), kept) if dropped else (kept,)
    # Leaving out an empty column costs nothing, so it comes before a more compact form of the values.
    for level in range(levels):
        for columns_shown in layouts:
            texts = [[_form(row[i], level) for i in columns_shown] for row in rows]
            table = _grid([heads[i] for i in columns_shown], texts, title)
            if len(columns_shown) < len(heads):
                table.caption = _dropped_note(dropped)
            if _fits(out, table):
                out.print(table)
                return
    shown_heads, shown_rows = [heads[i] for i in kept], [[row[i] for i in kept] for row in rows]
    if not (rows and _print_transposed(out, shown_heads, shown_rows, title)):
        print_records(shown_heads, [[row[i] for i in kept] for row in full], title=title, console=out)
    if dropped:
        out.print(_dropped_note(dropped), markup=False, highlight=False)


def _print_transposed(
    out: "Console", heads: Sequence[Column], rows: Sequence[Sequence[Cell]], title: str | None
) -> bool:
    """One column per row, headed by its first cell, one line per header: a few wide records side by side.
    False when even the most compact form does not fit."""
    names = [Column(_form(row[0], 0)) for row in rows]
    levels = max((len(cell) for row in rows for cell in row if isinstance(cell, tuple)), default=1)
    for level in range(levels):
        lines = [[head.header, *(_form(row[i], level) for row in rows)] for i, head in enumerate(heads) if i]
        table = _grid([Column(heads[0].header), *names], lines, title)
        if _fits(out, table):
            out.print(table)
            return True
    return False


def _dropped_note(dropped: Sequence[str]) -> str:
    return f"no value in any row: {', '.join(dropped)}"


def print_records(
    columns: Sequence[Column | str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    console: "Console | None" = None,
) -> None:
    """One block of `header: value` lines per row: the layout for tables too wide for the console."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = console or Console()
    headers = [column.header if isinstance(column, Column) else column for column in columns]
    if title:
        out.print(title, style="bold", markup=False, highlight=False)
    for number, row in enumerate(rows):
        if number:
            out.print()
        record = Table(show_header=False, box=None, padding=(0, 1, 0, 0))
        record.add_column(no_wrap=True, style="bold")
        record.add_column(overflow="fold")
        for header, value in zip(headers, row, strict=True):
            record.add_row(Text(f"{header}:"), Text(value))
        out.print(record)


def _form(cell: Cell, level: int) -> str:
    if isinstance(cell, str):
        return cell
    return cell[min(level, len(cell) - 1)]


def _grid(heads: Sequence[Column], rows: Sequence[Sequence[str]], title: str | None) -> "Table":
    from rich.table import Table
    from rich.text import Text

    # Text, not markup: a value such as "[0.52, 0.70]" or a window title is shown as it is.
    table = Table(title=Text(title) if title else None, title_justify="left")
    for head in heads:
        table.add_column(Text(head.header), justify=head.justify, no_wrap=True, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _fits(console: "Console", table: "Table") -> bool:
    from rich.measure import Measurement

    # Measured as if unbounded: a measurement within the console's width is clamped to that width.
    unbounded = console.options.update_width(1_000_000)
    return Measurement.get(console, unbounded, table).maximum <= console.width
