"""The benchmark reads only a corpus: importing or running it loads no capture, scrubbing or store code."""

import json
import subprocess
import sys
from pathlib import Path

FORBIDDEN = (
    "proagentbench.recorder",
    "proagentbench.anonymizer",
    "proagentbench.annotator",
    "proagentbench.store",
    "proagentbench.export",
    "pynput",
    "mss",
    "presidio_analyzer",
    "pytesseract",
    "sqlalchemy",
    "inspect_ai",
)
HEAVY_AT_IMPORT = ("pyarrow", "numpy", "sklearn", "openai", "torch", "sentence_transformers", "inspect_ai")

SCRIPT = """
import json, sys
from pathlib import Path
import proagentbench.benchmark as bench
after_import = sorted(sys.modules)
bench.run_benchmark(Path(sys.argv[1]), bench.Spec("learned"),
                    bench.BenchSettings(tasks=("timing",), embeddings=False, resamples=10), Path(sys.argv[2]))
print(json.dumps({"import": after_import, "run": sorted(sys.modules)}))
"""


def test_benchmark_never_loads_the_capture_stack(corpus_dir: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(corpus_dir), str(tmp_path / "run.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    modules = json.loads(result.stdout)
    for name in FORBIDDEN:
        assert not any(m == name or m.startswith(name + ".") for m in modules["run"]), name
    for name in HEAVY_AT_IMPORT:
        assert name not in modules["import"], f"importing proagentbench.benchmark loads {name}"
