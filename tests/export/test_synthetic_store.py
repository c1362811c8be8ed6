"""The benchmark's synthetic store generator stays usable: it builds a valid clean store that exports."""

import sys
from pathlib import Path

from proagentbench.corpus import open_corpus
from proagentbench.export import ExportOptions, PatternScanner, export_corpus

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from synthetic_store import build_synthetic_store  # noqa: E402


def test_synthetic_store_is_bursty_and_exports(tmp_path: Path, scanner: PatternScanner) -> None:
    db = tmp_path / "syn" / "clean.sqlite"
    info = build_synthetic_store(db, events=3_000, users=2, sessions_per_user=2)
    assert info.events == 3_000 and info.sessions == 4 and info.screenshots > 0 and info.annotations > 0
    result = export_corpus(info.db, tmp_path / "corpus", ExportOptions(seed=1), scanner=scanner)
    corpus = open_corpus(tmp_path / "corpus")
    assert corpus.manifest.counts["events"] == 3_000
    assert corpus.manifest.counts["timing"] == info.annotations
    assert sum(corpus.read("timing").column("label").to_pylist()) == info.positives
    burstiness = result.stats.inter_event.burstiness
    assert burstiness is not None and burstiness > 0.5  # heavy-tailed pauses, as in real work
    assert corpus.manifest.anonymizer is not None and corpus.manifest.anonymizer["version"] == "synthetic-1"
