"""What `bench` and `bench report` print: every value whole at 80 and 200 columns; JSON on stdout alone."""

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from proagentbench.cli.main import app

runner = CliRunner()
METRICS = ("accuracy", "precision", "recall", "f1", "false_alarm_rate", "balanced_accuracy", "auroc")


@pytest.fixture(scope="module")
def run_log(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("runs") / "random.json"
    args = [
        "bench",
        "--corpus",
        str(corpus_dir),
        "--agent",
        "random",
        "--task",
        "timing",
        "--context",
        "60,300",
    ]
    result = runner.invoke(app, [*args, "--no-embeddings", "--resamples", "50", "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    return out, json.loads(result.stdout)


def _estimates(summary: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        row["metrics"][key]
        for row in summary["rows"]
        for key in METRICS
        if row["metrics"].get(key, {}).get("value") is not None
    ]


def test_bench_json_is_the_whole_stdout(run_log: tuple[Path, dict[str, Any]]) -> None:
    out, summary = run_log
    assert summary["run_log"] == str(out) and summary["samples"] == summary["answered"] == 32
    assert summary["created_at"].endswith("Z") and summary["finished_at"] >= summary["created_at"]
    agents = [(row["agent"], row["context_s"]) for row in summary["rows"]]
    assert ("always (baseline)", None) in agents
    assert ("random", 60.0) in agents and ("random", 300.0) in agents
    assert summary["format"] == "proagentbench-report"
    assert len(_estimates(summary)) > 20


def test_report_json_names_what_it_wrote(run_log: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    out, summary = run_log
    result = runner.invoke(app, ["bench", "report", str(out), "--out-dir", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)  # stdout holds the JSON alone; "wrote PATH" lines go to stderr
    assert f"wrote {tmp_path / 'report.md'}" in result.stderr
    assert report["format"] == "proagentbench-report" and len(report["runs"]) == 1
    assert report["rows"] == summary["rows"]


@pytest.mark.parametrize("columns", [80, 200])
def test_report_table_keeps_every_value_whole(
    run_log: tuple[Path, dict[str, Any]], tmp_path: Path, columns: int
) -> None:
    out, summary = run_log
    result = runner.invoke(
        app, ["bench", "report", str(out), "--out-dir", str(tmp_path)], env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "…" not in text
    table = [line for line in text.splitlines() if not line.startswith("wrote ")]  # paths are never cut
    assert all(len(line.rstrip()) <= columns for line in table)
    assert "agent" in text or "·" in text  # a wide table's header, or one titled block per row
    for header in ("context", "answered", "AUROC"):
        assert header in text
    assert "BalAcc" in text or "Balanced accuracy" in text
    for row in summary["rows"]:
        context = "any" if row["context_s"] is None else f"{row['context_s']:g}s"
        assert row["agent"] in text and context in text
    for estimate in _estimates(summary):
        value, (low, high) = estimate["value"], estimate["ci"]
        if columns == 80:  # one record per row, every CI in full
            assert f"{value:.3f} [{low:.2f}, {high:.2f}]" in text
        else:
            assert f"{value:.3f}" in text or f"{value:.2f} [{low:.2f},{high:.2f}]" in text
