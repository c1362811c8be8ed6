"""The comparison of run logs as `bench` and `bench report` print it: a table or JSON on stdout."""

import json
from dataclasses import asdict
from typing import Any

from proagentbench.benchmark import RunLog
from proagentbench.cli.tables import EMPTY, Cell, Column, print_table

TITLE = "proagentbench comparison (point estimates with bootstrap 95% CIs)"


def metric_cell(estimate: Any) -> Cell:
    """A metric's renderings, fullest first: `0.612 [0.52, 0.70]`, `0.61 [0.52,0.70]`, `0.61`."""
    if not isinstance(estimate, dict) or estimate.get("value") is None:
        return EMPTY
    value = estimate["value"]
    ci = estimate.get("ci")
    if not ci:
        return (f"{value:.3f}", f"{value:.2f}")
    low, high = ci
    return (f"{value:.3f} [{low:.2f}, {high:.2f}]", f"{value:.2f} [{low:.2f},{high:.2f}]", f"{value:.2f}")


def print_runs(logs: list[RunLog]) -> None:
    """The table of these runs with their always/never baselines, in the widest layout the console fits."""
    from proagentbench.benchmark import CONTENT_COLUMNS, TIMING_COLUMNS, collect_rows

    headers: list[Column | str] = ["agent", "corpus", "context", "memory", "answered"]
    headers += [Column(label, "right") for _, label in (*TIMING_COLUMNS, *CONTENT_COLUMNS)]
    headers += [Column("E2E(sim)", "right"), Column("E2E(intent)", "right")]
    body: list[list[Cell]] = []
    for row in collect_rows(logs):
        cells: list[Cell] = [row.agent, row.corpus, f"{row.context_s:g}s", row.memory, row.coverage]
        cells += [metric_cell(row.timing.get(key)) for key, _ in TIMING_COLUMNS]
        cells += [metric_cell(row.content.get(key)) for key, _ in CONTENT_COLUMNS]
        cells += [metric_cell(row.end_to_end.get(key)) for key in ("similarity", "intent")]
        body.append(cells)
    print_table(headers, body, title=TITLE)


def runs_json(logs: list[RunLog], **extra: Any) -> str:
    """The same rows as JSON (every metric with its CI), plus ``extra`` top-level fields."""
    from proagentbench.benchmark import collect_rows

    return json.dumps({**extra, "rows": [asdict(row) for row in collect_rows(logs)]}, indent=2)
