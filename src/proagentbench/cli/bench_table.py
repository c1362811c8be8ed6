"""The comparison of run logs as `bench` prints it: the report's terminal table, or its JSON on stdout."""

import json
from typing import Any

from proagentbench.benchmark import Report, RunLog


def print_runs(logs: list[RunLog]) -> None:
    """The table of these runs with their always/never baselines, never truncated (`Report.print_table`)."""
    Report.of(logs).print_table()


def runs_json(logs: list[RunLog], **extra: Any) -> str:
    """The report's JSON document of these runs (every metric with its CI), plus ``extra`` fields."""
    return json.dumps({**extra, **json.loads(Report.of(logs).render("json"))}, indent=2)
