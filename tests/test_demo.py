"""`proagent demo`: the bundled sample sessions through every stage, offline, as users run it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from proagentbench.demo.pipeline import MARKER, prepare_output
from proagentbench.errors import ProagentError


def test_demo_runs_the_whole_road(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = subprocess.run(
        [sys.executable, "-c", "from proagentbench.cli.main import run; run()", "demo", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    output = result.stdout + result.stderr
    assert "$ proagent anonymize" in output and "$ proagent bench report" in output
    assert "no residual PII found" in output, "the clean store must pass verify"
    manifest = json.loads((out / "corpus" / "manifest.json").read_text())
    assert manifest["counts"]["timing"] > 0 and manifest["counts"]["content"] > 0
    assert manifest["anonymizer"] is not None
    assert any(name.startswith("images/") for name in manifest["files"])
    report = (out / "report" / "report.md").read_text()
    for agent in ("always", "never", "random", "periodic", "app-prior", "learned"):
        assert agent in report
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")] for line in report.splitlines() if "|" in line
    ]
    header = rows[0]
    learned = next(row for row in rows if row[0] == "learned")
    assert learned[header.index("SemSim")][0].isdigit(), "content is scored with the offline embedding model"
    assert (out / "raw.sqlite").stat().st_mode & 0o077 == 0
    card = (out / "corpus" / "README.md").read_text()
    assert "**Synthetic data.**" in card and "real desktop work" not in card.lower()
    _check_public_data_comparison(out)


def _check_public_data_comparison(out: Path) -> None:
    """The bundled ProactiveBench import: enough test points that the CIs tell learned from the trivial
    agents (its balanced-accuracy interval lies above their 0.5)."""
    manifest = json.loads((out / "proactivebench" / "manifest.json").read_text())
    assert manifest["splits"]["test"]["decision_points"] == 174
    runs = out / "runs" / "proactivebench"
    for agent in ("always", "never", "random", "periodic", "app-prior", "learned"):
        log = json.loads((runs / f"{agent}.json").read_text())
        assert len(log["conditions"][0]["timing"]) == 174
    learned = json.loads((runs / "learned.json").read_text())["conditions"][0]["metrics"]["timing"]
    assert learned["agent"]["balanced_accuracy"]["ci"][0] > 0.5
    assert "learned" in (out / "report-proactivebench" / "report.md").read_text()


def test_demo_replaces_only_its_own_folder(tmp_path: Path) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep")
    with pytest.raises(ProagentError, match="not made by `proagent demo`"):
        prepare_output(foreign, force=True)
    assert (foreign / "notes.txt").read_text() == "keep"

    earlier = tmp_path / "demo"
    prepare_output(earlier, force=False)
    (earlier / "raw.sqlite").write_text("old run")
    with pytest.raises(ProagentError, match="--force"):
        prepare_output(earlier, force=False)
    prepare_output(earlier, force=True)
    assert sorted(path.name for path in earlier.iterdir()) == [MARKER]
