"""Comparison of run logs: a terminal table, Markdown for papers, JSON for machines, and one self-contained
HTML page with the plots embedded (see docs/benchmark.md, "Reports").

Rows are (run, condition), plus one always and one never baseline per corpus test set, so no agent is ever
shown without its floor. `write_report` writes every format and the PNG plots into a folder, first removing
what an earlier report wrote there, so a reused folder never shows stale plots.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from proagentbench.benchmark.records import RunLog
from proagentbench.benchmark.report.metadata import RunInfo, run_info
from proagentbench.benchmark.report.rows import COLUMNS, Column, Row, collect_rows
from proagentbench.benchmark.report.text import json_report, markdown_report, markdown_table, print_table
from proagentbench.errors import ProagentError
from proagentbench.timeutil import now_us, us_to_iso

FORMATS = ("table", "md", "json", "html")
WRITTEN_LIST = ".proagent-report.json"  # what the last report wrote here, removed before the next one
OWN_NAMES = ("timing.png", "content.png", "context_sweep.png", "memory_ablation.png")  # also without a list


@dataclass(frozen=True)
class Report:
    rows: list[Row]
    runs: list[RunInfo]
    generated_at: str
    formats: ClassVar[tuple[str, ...]] = FORMATS

    @classmethod
    def of(cls, logs: list[RunLog]) -> "Report":
        return cls(collect_rows(logs), [run_info(log) for log in logs], us_to_iso(now_us()) or "")

    def render(self, fmt: str) -> str:
        """The report as text in ``fmt``: md, json or html (html embeds the plots)."""
        if fmt == "md":
            return markdown_report(self.rows, self.runs, [], self.generated_at)
        if fmt == "json":
            return json_report(self.rows, self.runs, self.generated_at)
        if fmt == "html":
            from proagentbench.benchmark.report.figures import figures
            from proagentbench.benchmark.report.page import html_page

            return html_page(self.rows, self.runs, figures(self.rows), self.generated_at)
        raise ProagentError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")

    def print_table(self) -> None:
        """The comparison on the terminal (never a truncated cell)."""
        print_table(self.rows)


def print_comparison(logs: list[RunLog]) -> None:
    """The comparison table of these runs (with their always/never baselines) on the terminal."""
    print_table(collect_rows(logs))


def write_report(logs: list[RunLog], out_dir: Path) -> list[Path]:
    """report.md, report.html, report.json and the PNG plots of these runs in ``out_dir``; returns the files
    written. Files an earlier report wrote there are removed first; nothing else in the folder is touched."""
    from proagentbench.benchmark.report.figures import figures
    from proagentbench.benchmark.report.page import html_page

    report = Report.of(logs)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_earlier(out_dir)
    plots = figures(report.rows)
    contents: dict[str, str | bytes] = {
        "report.md": markdown_report(report.rows, report.runs, [f.name for f in plots], report.generated_at),
        "report.html": html_page(report.rows, report.runs, plots, report.generated_at),
        "report.json": json_report(report.rows, report.runs, report.generated_at),
        **{figure.name: figure.png for figure in plots},
    }
    written = []
    for name, content in contents.items():
        path = out_dir / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    (out_dir / WRITTEN_LIST).write_text(json.dumps(sorted(contents)) + "\n", encoding="utf-8")
    return written


def _remove_earlier(out_dir: Path) -> None:
    try:
        listed = json.loads((out_dir / WRITTEN_LIST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        listed = []
    names = [*OWN_NAMES, *(listed if isinstance(listed, list) else [])]
    for name in names:
        if isinstance(name, str) and Path(name).name == name and name not in ("", ".", ".."):
            (out_dir / name).unlink(missing_ok=True)


__all__ = [
    "COLUMNS",
    "FORMATS",
    "Column",
    "Report",
    "Row",
    "collect_rows",
    "markdown_table",
    "print_comparison",
    "print_table",
    "write_report",
]
