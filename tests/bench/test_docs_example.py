"""The plugin example in docs/benchmark.md is complete and runs as documented."""

import re
from pathlib import Path

import pytest

from proagentbench.benchmark import BenchSettings, Spec, run_benchmark

DOC = Path(__file__).parents[2] / "docs" / "benchmark.md"


def test_documented_plugin_runs(corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = DOC.read_text()
    example = re.search(r"A complete plugin, `my_agents.py`:\n\n```python\n(.*?)```", text, re.DOTALL)
    assert example, "plugin example not found in docs/benchmark.md"
    (tmp_path / "my_agents.py").write_text(example.group(1))
    monkeypatch.syspath_prepend(str(tmp_path))
    settings = BenchSettings(tasks=("timing", "content"), embeddings=False, resamples=50)
    spec = Spec("my_agents:error_watcher", {"recent_s": 120})
    log = run_benchmark(corpus_dir, spec, settings, tmp_path / "run.json")
    metrics = log.conditions[0].metrics
    assert (
        metrics["timing"]["agent"]["n_failed"] == 0 and metrics["timing"]["agent"]["accuracy"]["value"] == 1.0
    )
    assert metrics["content"]["intent_accuracy"]["value"] == 1.0
