"""The comparison as text: Markdown pipe tables (for papers), a JSON document, and a terminal table.

Every value is shown as `0.610 [0.52, 0.70]` (point estimate, bootstrap 95% CI); the best agent value of each
metric is bold in Markdown and starred on the terminal.
"""

import json
from typing import Any

from proagentbench.benchmark.report.metadata import RunInfo
from proagentbench.benchmark.report.rows import Column, Row, used_columns

REPORT_FORMAT = "proagentbench-report"
REPORT_VERSION = 1
FAR_NOTE = "The false-alarm rate (FAR) is FP/(FP+TN): lower is better."


def fmt(estimate: Any) -> str:
    if not isinstance(estimate, dict) or estimate.get("value") is None:
        return "–"
    ci = estimate.get("ci")
    text = f"{estimate['value']:.3f}"
    return f"{text} [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else text


def describe_cells(row: Row) -> list[str]:
    context = "any" if row.context_s is None else f"{row.context_s:g}s"
    return [row.agent, row.corpus, context, row.memory or "any", row.answered]


DESCRIBE_HEADER = ["agent", "corpus", "context", "memory", "answered"]


def legend(columns: list[Column]) -> str:
    names = "; ".join(f"{c.label} = {c.name}" for c in columns if c.label != c.name)
    return f"Point estimates with bootstrap 95% CIs. {names}. {FAR_NOTE}" if names else FAR_NOTE


def markdown_table(rows: list[Row]) -> str:
    columns = used_columns(rows)
    header = DESCRIBE_HEADER + [c.label for c in columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = describe_cells(row)
        for column in columns:
            text = fmt(row.metrics.get(column.key))
            cells.append(f"**{text}**" if column.key in row.best else text)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def markdown_runs(runs: list[RunInfo]) -> str:
    lines = [
        "| run | corpus (manifest sha256) | date | model | base URL | settings |",
        "|---|---|---|---|---|---|",
    ]
    for run in runs:
        cells = [
            run.label, f"{run.corpus} ({run.corpus_sha256[:12]})", run.created_at, run.model or "–",
            run.base_url or "–", run.settings_text(),
        ]  # fmt: skip
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def markdown_report(rows: list[Row], runs: list[RunInfo], figures: list[str], generated_at: str) -> str:
    """The whole report in Markdown: results, legend, figures (paths beside the file) and the runs."""
    parts = [
        "# proagentbench report\n",
        f"Generated {generated_at}. {legend(used_columns(rows))} Bold: the best agent value per metric "
        "(baselines excluded).\n",
        markdown_table(rows),
        *(f"![{name}]({name})\n" for name in figures),
        "## Runs\n",
        markdown_runs(runs),
    ]
    return "\n".join(parts)


def json_report(rows: list[Row], runs: list[RunInfo], generated_at: str) -> str:
    columns = used_columns(rows)
    document = {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "generated_at": generated_at,
        "runs": [run.to_json() for run in runs],
        "columns": [
            {"key": c.key, "label": c.label, "name": c.name, "lower_is_better": c.lower_is_better}
            for c in columns
        ],
        "rows": [
            {
                "agent": row.agent,
                "kind": row.kind,
                "run": row.run,
                "corpus": {"name": row.corpus, "manifest_sha256": row.corpus_sha256},
                "context_s": row.context_s,
                "memory": row.memory,
                "answered": row.answered,
                "positive_rate": row.positive_rate,
                "metrics": {c.key: row.metrics[c.key] for c in columns if c.key in row.metrics},
                "best": sorted(row.best),
            }
            for row in rows
        ],
    }
    return json.dumps(document, indent=2) + "\n"


def print_table(rows: list[Row], *, width: int | None = None) -> None:
    """The comparison on the terminal, never truncated: one wide table when it fits the width, else a small
    metric/value table per row, as many side by side as fit."""
    from rich.cells import cell_len
    from rich.columns import Columns
    from rich.console import Console
    from rich.table import Table

    console = Console(width=width) if width else Console()
    columns = used_columns(rows)
    title = "proagentbench comparison (95% CIs; * best agent value)"
    header = DESCRIBE_HEADER + [c.label for c in columns]
    body = [describe_cells(row) + [_cell(row, c) for c in columns] for row in rows]
    # Each column takes its widest cell plus a border and two padding cells; rich would shrink it instead.
    needed = 1 + sum(3 + max(cell_len(cells[i]) for cells in [header, *body]) for i in range(len(header)))
    if needed <= console.width:
        wide = Table(*header, title=title)
        for cells in body:
            wide.add_row(*cells)
        console.print(wide)
        return
    console.print(title)
    blocks = []
    for row in rows:
        agent, corpus, context, memory, answered = describe_cells(row)
        title = f"{agent} · {corpus} · context {context} · memory {memory}"
        block = Table("metric", "value [95% CI]", title=title, title_justify="left")
        block.columns[0].overflow = block.columns[1].overflow = "fold"
        block.add_row("answered", answered)
        for column in columns:
            block.add_row(column.name, _cell(row, column))
        blocks.append(block)
    console.print(Columns(blocks))  # side by side as the width allows


def _cell(row: Row, column: Column) -> str:
    text = fmt(row.metrics.get(column.key))
    return f"{text} *" if column.key in row.best else text
