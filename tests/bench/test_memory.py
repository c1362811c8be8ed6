"""Memory comes only from the same user's earlier train sessions: no test, other-user or later session."""

from pathlib import Path

import pytest

from proagentbench.benchmark.context import load_events
from proagentbench.benchmark.memory_builder import build_memory_index
from proagentbench.benchmark.points import load_content_points, load_corpus_sessions, load_timing_points
from proagentbench.corpus import open_corpus
from tests.bench.corpus_builder import CorpusBuilder

SESSIONS = [
    # uid, user, split, start, app
    ("a-early", "alice", "train", 0, "alpha"),
    ("a-test0", "alice", "test", 1_000, "testapp"),
    ("a-test", "alice", "test", 2_000, "current"),
    ("a-late", "alice", "train", 4_000, "lateapp"),
    ("b-early", "bob", "train", 0, "bobapp"),
]


def _corpus(root: Path) -> Path:
    builder = CorpusBuilder()
    for uid, user, split, start, app in SESSIONS:
        builder.session(uid, user, split, start, start + 900)
        builder.event(uid, start + 1, "window_focus", app="shell", title="shell")
        for k in range(4):
            t = start + 100 + 100 * k
            builder.event(uid, t - 10, "window_focus", app=app, title=f"{app} window")
            builder.event(uid, t - 5, "text", app=app, text=f"{app} error words")
            builder.point(uid, t, k < 3, intent=f"{app}-intent", content=f"help with {app}")
    return builder.write(root)


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    corpus = open_corpus(_corpus(tmp_path_factory.mktemp("memory") / "c"))
    return (
        load_corpus_sessions(corpus),
        load_events(corpus, "train"),
        load_timing_points(corpus, "train"),
        load_content_points(corpus, "train"),
    )


def test_sources_are_the_same_users_earlier_train_sessions(parts) -> None:  # type: ignore[no-untyped-def]
    index = build_memory_index("kg", *parts, use_embeddings=False)
    assert index.sources("a-test") == ["a-early"]
    assert index.sources("a-test0") == ["a-early"]
    assert index.sources("a-early") == []  # nothing earlier
    assert index.sources("a-late") == ["a-early"]  # train points get memory too, from the past only
    assert index.sources("b-early") == []


def test_knowledge_graph_priors(parts) -> None:  # type: ignore[no-untyped-def]
    memory = build_memory_index("kg", *parts, use_embeddings=False).for_session("a-test")
    assert set(memory.help_by_app) == {"alpha"}
    assert memory.help_by_app["alpha"] == (3, 4)
    assert memory.overall == (3, 4)
    assert memory.p_help("alpha") == pytest.approx((3 + 0.75) / 5)
    assert memory.p_help("unseen") == pytest.approx(0.75)
    assert dict(memory.intent_by_app["alpha"]) == {"alpha-intent": 3}
    assert set(memory.intent_by_keyword) >= {"alpha", "window"}
    assert dict(memory.transitions["shell"]) == {"alpha": 1}
    rendered = memory.render("alpha")
    assert "P(help | alpha) = 0.75" in rendered and "alpha-intent" in rendered
    for leaked in ("lateapp", "bobapp", "testapp", "current"):
        assert leaked not in repr(memory)


def test_retrieval_draws_only_on_sources(parts) -> None:  # type: ignore[no-untyped-def]
    index = build_memory_index("rag", *parts, use_embeddings=False)
    # The query mentions every other session's words; only a-early may answer.
    memory = index.for_point("a-test", "lateapp bobapp testapp error words alpha")
    assert memory.retrieved and {s.session_uid for s in memory.retrieved} == {"a-early"}
    assert index.for_point("b-early", "bobapp").retrieved == ()


def test_memory_in_a_run_never_leaks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from proagentbench.benchmark import BenchSettings, Spec, run_benchmark

    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    import plugin_agents

    plugin_agents.SEEN_MEMORY.clear()
    corpus = _corpus(tmp_path / "c")
    for memory in ("kg", "rag"):
        run_benchmark(
            corpus,
            Spec("plugin_agents:memory_probe"),
            BenchSettings(memory=memory, embeddings=False, resamples=10),
            tmp_path / f"{memory}.json",
        )
    assert plugin_agents.SEEN_MEMORY
    for session, sources in plugin_agents.SEEN_MEMORY:
        expected = {"a-test": ("a-early",), "a-test0": ("a-early",)}.get(session, ())
        assert sources == expected, session
