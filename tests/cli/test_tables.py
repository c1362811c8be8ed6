"""The table helper picks the widest layout that fits and never cuts a cell (issue 12)."""

import io

import pytest
from rich.console import Console

from proagentbench.cli.tables import EMPTY, Column, print_table

HEADERS = ["agent", "context", *(Column(f"metric{i}", "right") for i in range(6)), Column("unused", "right")]
ROWS = [
    [
        name,
        "300s",
        *((f"0.{i}12 [0.{i}0, 0.{i}9]", f"0.{i}1 [0.{i}0,0.{i}9]", f"0.{i}1") for i in range(6)),
        EMPTY,
    ]
    for name in ("always (baseline)", "a-much-longer-agent-name")
]


def _render(width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    print_table(HEADERS, ROWS, title="comparison", console=console)
    return console.file.getvalue()  # type: ignore[attr-defined]


def _assert_whole(text: str, width: int) -> None:
    assert "…" not in text
    assert all(len(line.rstrip()) <= width for line in text.splitlines()), text
    for row in ROWS:
        assert row[0] in text and "300s" in text


def test_a_wide_console_gets_the_whole_table_with_full_cis() -> None:
    text = _render(400)
    _assert_whole(text, 400)
    assert "0.512 [0.50, 0.59]" in text and "unused" in text
    assert text.count("\n") < 12, "one table: a header and a line per row"


def test_columns_without_any_value_go_before_the_cis_do() -> None:
    text = _render(171)
    _assert_whole(text, 171)
    assert "0.512 [0.50, 0.59]" in text
    assert "no value in any row: unused" in text


def test_then_the_compact_ci_notation_then_the_point_estimates() -> None:
    compact = _render(160)
    _assert_whole(compact, 160)
    assert "0.51 [0.50,0.59]" in compact and "0.512" not in compact
    estimates = _render(120)
    _assert_whole(estimates, 120)
    assert all(f"0.{i}1" in estimates for i in range(6)) and "[0." not in estimates


def test_eighty_columns_turn_the_table_one_column_per_row_with_every_ci() -> None:
    text = _render(80)
    _assert_whole(text, 80)
    header = next(line for line in text.splitlines() if "a-much-longer-agent-name" in line)
    assert "always (baseline)" in header, "the rows became the columns"
    for i in range(6):
        line = next(line for line in text.splitlines() if f"metric{i} " in line)
        assert line.count(f"0.{i}12 [0.{i}0, 0.{i}9]") == 2
    assert "no value in any row: unused" in text


def test_narrower_still_one_record_per_row_with_every_value() -> None:
    text = _render(40)
    _assert_whole(text, 40)
    assert "agent:" in text and "a-much-longer-agent-name" in text
    for i in range(6):
        assert f"metric{i}:" in text and text.count(f"0.{i}12 [0.{i}0, 0.{i}9]") == 2
    assert "no value in any row: unused" in text


def test_values_are_text_not_markup() -> None:
    console = Console(file=io.StringIO(), width=80, color_system=None)
    print_table(["title"], [["[bold]x[/bold] [0.1, 0.2]"]], console=console)
    assert "[bold]x[/bold] [0.1, 0.2]" in console.file.getvalue()  # type: ignore[attr-defined]


def test_a_progress_note_is_one_line_as_given(capsys: pytest.CaptureFixture[str]) -> None:
    from proagentbench.cli.progress import RichProgress

    note = "session s1: failed: [Errno 5] " + "x" * 120
    with RichProgress(transient=True) as progress:
        progress.note(note)
    assert capsys.readouterr().err.splitlines() == [note]
