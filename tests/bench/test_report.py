"""`bench report`: one row per agent and per baseline, best values marked, every format, no truncated cell,
plots with human names and chance lines, and a reused folder left with no stale plot."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from proagentbench.benchmark import RunLog
from proagentbench.benchmark.report import collect_rows, figures, print_table, write_report
from proagentbench.benchmark.report.text import fmt
from proagentbench.cli.main import app
from proagentbench.errors import ProagentError
from tests.bench.report_fixtures import SWEEP


@pytest.fixture(scope="module")
def logs(report_runs: list[RunLog]) -> list[RunLog]:
    return report_runs


@pytest.fixture(scope="module")
def run_paths(logs: list[RunLog], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from proagentbench.benchmark.runlog import write_runlog

    folder = tmp_path_factory.mktemp("logs")
    paths = [folder / f"{i}.json" for i in range(len(logs))]
    for log, path in zip(logs, paths, strict=True):
        write_runlog(log, path)
    return paths


def test_one_row_per_agent_condition_and_one_per_baseline(logs: list[RunLog]) -> None:
    rows = collect_rows(logs)
    agents = [(r.agent, r.context_s, r.memory) for r in rows if not r.is_baseline]
    assert agents == [
        ("random(seed=7)", 60, "none"), ("random(seed=7)", 300, "none"),
        ("random(seed=7)", 60, "kg"), ("random(seed=7)", 300, "kg"),
        ("app-prior", 60, "none"), ("app-prior", 300, "none"),
    ]  # fmt: skip
    baselines = [r for r in rows if r.is_baseline]
    # The always run is the always baseline; two windows and two memories still make one pair.
    assert [r.agent for r in baselines] == ["always (baseline)", "never (baseline)"]
    always, never = baselines
    assert always.run == 0 and never.run is None
    assert always.metrics["auroc"] == never.metrics["auroc"] == {"value": 0.5, "ci": [0.5, 0.5]}
    assert always.value("recall") == 1.0 and never.value("recall") == 0.0
    assert always.metrics["f1"] == logs[0].conditions[0].metrics["timing"]["always"]["f1"]


def test_best_value_per_metric_is_marked_among_agents(logs: list[RunLog]) -> None:
    rows = collect_rows(logs)
    agents = [r for r in rows if not r.is_baseline]
    for key, lower in (("f1", False), ("false_alarm_rate", True), ("balanced_accuracy", False)):
        values = [round(v, 3) for r in agents if (v := r.value(key)) is not None]
        best = min(values) if lower else max(values)
        marked = {id(r) for r in agents if key in r.best}
        assert marked == {
            id(r) for r in agents if r.value(key) is not None and round(r.value(key) or 0, 3) == best
        }
    assert all(not r.best for r in rows if r.is_baseline)
    assert "f1" in next(r for r in agents if r.agent == "app-prior").best  # perfect on this corpus


@pytest.mark.parametrize("width", [80, 160, 400])
def test_terminal_table_truncates_no_cell(logs: list[RunLog], width: int, capsys: Any) -> None:
    rows = collect_rows(logs)
    print_table(rows, width=width)
    out = capsys.readouterr().out
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= width
    for row in rows:
        assert row.agent in out
        for estimate in row.metrics.values():
            assert fmt(estimate) in out
    wide = "Acc" in out.splitlines()[2]  # the wide table's header, not the per-row layout
    assert wide is (width == 400)
    side_by_side = out.count("┃ metric") > out.count("\n┏")
    assert side_by_side is (width == 160)


def test_formats_from_the_command_line(run_paths: list[Path], tmp_path: Path) -> None:
    runner = CliRunner()
    as_json = runner.invoke(app, ["bench", "report", *map(str, run_paths), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    document = json.loads(as_json.stdout)
    assert document["format"] == "proagentbench-report"
    assert [r["kind"] for r in document["rows"]].count("baseline") == 2
    run = document["runs"][1]
    assert run["label"] == "random(seed=7)" and run["corpus"]["name"] == "two-users"
    assert len(run["corpus"]["manifest_sha256"]) == 64 and run["created_at"].endswith("Z")
    assert run["settings"]["contexts_s"] == list(SWEEP) and "path" not in json.dumps(run["corpus"])

    markdown = runner.invoke(app, ["bench", "report", *map(str, run_paths), "--format", "md"])
    lines = [line for line in markdown.stdout.splitlines() if line.startswith("|")]
    assert lines[0].startswith("| agent | corpus | context | memory | answered | Acc |")
    assert len({line.count("|") for line in lines[:10]}) == 1  # every row has every column
    assert "| always (baseline) | two-users | any | any | 16 |" in markdown.stdout

    page = tmp_path / "report.html"
    written = runner.invoke(app, ["bench", "report", *map(str, run_paths), "--out", str(page)])
    assert written.exit_code == 0 and written.stdout == "" and f"wrote {page}" in written.stderr
    text = page.read_text()
    assert text.startswith("<!doctype html>") and "default-src 'none'" in text
    assert "http://" not in text.replace("http-equiv", "") and "https://" not in text

    for args, message in (
        (["--format", "pdf"], "--format 'pdf': use one of table, md, json, html"),
        (
            ["--out", str(tmp_path / "none" / "r.html")],
            f"--out {tmp_path / 'none' / 'r.html'}: no such folder",
        ),
        (["--out", str(tmp_path)], f"--out {tmp_path}: is a folder"),
        (["--out-dir", str(page)], f"--out-dir {page}: exists and is not a folder"),
        (
            ["--format", "table", "--out", "r.txt"],
            "--out r.txt: a file takes md, json or html (the table is for",
        ),
    ):
        bad = runner.invoke(app, ["bench", "report", str(run_paths[0]), *args])
        assert isinstance(bad.exception, ProagentError) and bad.exception.exit_code == 2, args
        assert str(bad.exception).startswith(message) and bad.stdout == "", args


def test_reused_folder_keeps_no_stale_plot(logs: list[RunLog], tmp_path: Path) -> None:
    earlier = ["report.md", "memory_ablation.png", "old_plot.png"]  # as an earlier report listed them
    (tmp_path / ".proagent-report.json").write_text(json.dumps(earlier))
    for name in earlier:
        (tmp_path / name).write_bytes(b"stale")
    (tmp_path / "mine.txt").write_text("keep")
    again = write_report(logs[3:], tmp_path)  # app-prior alone: swept, but one memory
    names = {p.name for p in tmp_path.iterdir()}
    assert "memory_ablation.png" not in names and "old_plot.png" not in names and "mine.txt" in names
    assert "context_sweep.png" in names
    assert {p.name for p in again} | {"mine.txt", ".proagent-report.json"} == names
    assert "![timing.png](timing.png)" in (tmp_path / "report.md").read_text()


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every matplotlib figure the report draws, kept open for inspection."""
    kept: list[Any] = []
    save = figures._save

    def keep(plt: Any, fig: Any, name: str, title: str) -> Any:
        kept.append((name, fig))
        fig.canvas.draw()
        return save(plt, fig, name, title)

    monkeypatch.setattr(figures, "_save", keep)
    yield kept


def test_plots_have_labelled_axes_human_legends_and_chance_lines(
    logs: list[RunLog], drawn: list[Any]
) -> None:
    made = figures.figures(collect_rows(logs))
    assert [f.name for f in made] == ["timing.png", "content.png", "context_sweep.png", "memory_ablation.png"]
    assert all(f.png[:8] == b"\x89PNG\r\n\x1a\n" for f in made)
    for name, fig in drawn:
        legends = [t.get_text() for legend in [*fig.legends, *(a.get_legend() for a in fig.axes)] if legend
                   for t in legend.get_texts()]  # fmt: skip
        assert legends, name
        assert not any("_" in text for text in legends), (name, legends)  # no raw metric keys
        assert any(text.startswith("chance") for text in legends), (name, legends)
        for axes in fig.axes:
            assert axes.get_xlabel() and axes.get_title(), name
        assert fig.axes[0].get_ylabel(), name
    sweep = dict(drawn)["context_sweep.png"]
    ticks = [t.get_text() for t in sweep.axes[0].get_xticklabels()]
    assert ticks == [f"{w:g}" for w in SWEEP]  # only the swept windows: no crowded log ticks
    legend = [t.get_text() for t in sweep.legends[0].get_texts()]
    assert "always (baseline)" in legend and "never (baseline)" in legend


def test_a_model_run_names_its_model_and_endpoint(
    corpus_dir: Path, model_server: Any, tmp_path: Path
) -> None:
    from proagentbench.benchmark import BenchSettings, Spec, run_benchmark
    from proagentbench.benchmark.report import Report
    from proagentbench.benchmark.report.page import runs_table

    spec = Spec("llm", {"model": "local-model", "base_url": model_server.base_url, "use_cache": False})
    settings = BenchSettings(tasks=("timing",), embeddings=False, resamples=50)
    log = run_benchmark(corpus_dir, spec, settings, tmp_path / "llm.json")
    report = Report.of([log])
    (run,) = json.loads(report.render("json"))["runs"]
    assert run["model"] == "local-model" and run["base_url"] == model_server.base_url
    assert run["agent"]["name"] == "llm" and run["settings"]["resamples"] == 50
    page = runs_table(report.runs)  # the HTML page's run table, without drawing the plots
    assert "<td>local-model</td>" in page and f"<td>{model_server.base_url}</td>" in page
    assert "| llm(model=local-model) | two-users (" in report.render("md")
