"""`proagent demo`: the bundled sample sessions through every stage, offline, as users run it."""

import io
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from proagentbench.demo.pipeline import MARKER, prepare_output
from proagentbench.errors import ProagentError


@pytest.mark.timeout(900)  # the subprocess has its own 900 s limit; the default 300 s is per ordinary test
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
    assert "…" not in output, "no table cell is cut at the 80 columns of a pipe"
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
    semantic = learned[header.index("SemSim")].strip("*")  # bold: the best agent value
    assert semantic[0].isdigit(), "content is scored with the offline embedding model"
    assert (out / "raw.sqlite").stat().st_mode & 0o077 == 0
    card = (out / "corpus" / "README.md").read_text()
    assert "**Synthetic data.**" in card and "real desktop work" not in card.lower()
    _check_public_data_comparison(out)
    leaks = planted_values_readable(out / "corpus")
    assert not leaks, f"planted values readable in the exported corpus: {leaks[:10]}"


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


# Every personal value the sample script plants (demo/script.py), as whole words; kept here by hand rather
# than taken from the anonymizer, so that the check does not share its decisions.
PLANTED = (
    "alex",
    "morgan",
    "priya",
    "raman",
    "jordan",
    "devbox",
    "northwind",
    "contoso",
    "7946",
    "wJalrXUtnFEMI",
    "EXAMPLEKEY",
    "battery staple",
)
PLANTED_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(value) for value in PLANTED) + r")\b", re.IGNORECASE)


def planted_values_readable(corpus: Path) -> list[tuple[str, str]]:
    """(where, value) for each planted value in any exported text cell, or in Tesseract's reading of any
    exported image, upscaled 2x (small UI fonts) and inverted (light text on dark bars)."""
    import pyarrow.parquet as pq

    found: list[tuple[str, str]] = []
    for table in sorted(corpus.glob("*/*.parquet")):
        for column in pq.read_table(table).columns:
            for value in column.to_pylist():
                if isinstance(value, str):
                    found += [
                        (str(table.relative_to(corpus)), m.group()) for m in PLANTED_WORDS.finditer(value)
                    ]
    images = sorted(corpus.glob("images/**/*.png"))
    assert images, "the demo exports screenshots"
    with ThreadPoolExecutor(max_workers=2) as pool:
        for image, text in pool.map(_read_image, images):
            found += [(image, m.group()) for m in PLANTED_WORDS.finditer(text)]
    return found


def _read_image(path: Path) -> tuple[str, str]:
    from PIL import Image, ImageOps

    gray = Image.open(path).convert("L")
    larger = gray.resize((gray.width * 2, gray.height * 2), Image.Resampling.LANCZOS)
    texts = []
    for variant in (larger, ImageOps.invert(gray)):
        encoded = io.BytesIO()
        variant.save(encoded, "PNG")
        read = subprocess.run(
            ["tesseract", "stdin", "stdout"],
            input=encoded.getvalue(),
            capture_output=True,
            env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
            timeout=120,
            check=True,
        )
        texts.append(read.stdout.decode("utf-8", "replace"))
    return path.name, "\n".join(texts)


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


def test_a_step_title_longer_than_the_width_is_printed_whole() -> None:
    from rich.console import Console

    from proagentbench.cli.demo import heading

    console = Console(width=40, file=io.StringIO(), color_system=None)
    title = "Import public data: ProactiveBench (real activity, labelled by its authors; Apache-2.0)"
    heading(console, title)
    heading(console, "Short step")
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "…" not in text and " ".join(text.split()).count(title) == 1 and "Short step" in text
