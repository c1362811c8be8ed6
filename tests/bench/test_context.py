from pathlib import Path

import pytest

from proagentbench.benchmark.context import ContextBuilder, load_events, load_screenshots
from proagentbench.benchmark.event_text import render_events
from proagentbench.benchmark.points import load_corpus_sessions, load_timing_points
from proagentbench.benchmark.types import DecisionPoint
from proagentbench.corpus import open_corpus, point_id
from tests.bench.corpus_builder import CorpusBuilder, png, us


def _corpus(tmp_path: Path) -> Path:
    builder = CorpusBuilder()
    builder.session("s1", "u", "test", 0, 1_000)
    builder.session("s2", "u", "test", 2_000, 3_000)
    for t in (10, 100, 399, 400, 401, 700):
        builder.event("s1", t, "text", app="editor", title=f"t{t}", text=f"at {t}")
    builder.event("s2", 2_500, "text", app="browser", text="other session")
    builder.screenshot("s1", 350, png((1, 2, 3)), "a.png")
    builder.screenshot("s1", 390, png((3, 2, 1)), "b.png")
    builder.screenshot("s1", 402, png((3, 3, 3)), "future.png")
    builder.point("s1", 400, True)
    return builder.write(tmp_path / "c")


def _point(session: str, t_s: float) -> DecisionPoint:
    return DecisionPoint(point_id(session, us(t_s)), session, "u", us(t_s), "test")


def test_window_holds_the_last_w_seconds_and_nothing_later(tmp_path: Path) -> None:
    corpus = open_corpus(_corpus(tmp_path))
    builder = ContextBuilder(corpus, load_corpus_sessions(corpus), load_events(corpus, "test"), window_s=300)
    context = builder.build(_point("s1", 400))
    texts = [e.text for e in context.events]
    # (t - W, t]: the event exactly W seconds before (at 100) is out, the one at t is in, nothing after t.
    assert texts == ["at 399", "at 400"]
    assert "at 401" not in texts and "other session" not in texts
    assert context.current_app == "editor" and context.current_title == "t400"
    assert context.session_started_us == us(0)


def test_window_boundaries_exactly(tmp_path: Path) -> None:
    corpus = open_corpus(_corpus(tmp_path))
    events = load_events(corpus, "test")
    sessions = load_corpus_sessions(corpus)
    for window, expected in ((1, ["at 400"]), (2, ["at 399", "at 400"]), (300, ["at 399", "at 400"])):
        context = ContextBuilder(corpus, sessions, events, window_s=window).build(_point("s1", 400))
        assert [e.text for e in context.events] == expected, window
    wide = ContextBuilder(corpus, sessions, events, window_s=390).build(_point("s1", 400))
    assert [e.text for e in wide.events] == ["at 100", "at 399", "at 400"]
    with pytest.raises(ValueError):
        ContextBuilder(corpus, sessions, events, window_s=0)


def test_screenshots_are_the_latest_before_the_point(tmp_path: Path) -> None:
    corpus = open_corpus(_corpus(tmp_path))
    builder = ContextBuilder(
        corpus,
        load_corpus_sessions(corpus),
        load_events(corpus, "test"),
        screenshots=load_screenshots(corpus, "test"),
        max_screenshots=1,
    )
    context = builder.build(_point("s1", 400))
    assert [p.name for p in context.screenshots] == ["b.png"]
    assert context.screenshots[0].read_bytes() == png((3, 2, 1))


def test_text_only_corpus_renders_observations(text_corpus_dir: Path) -> None:
    corpus = open_corpus(text_corpus_dir)
    points = load_timing_points(corpus, "test")
    builder = ContextBuilder(corpus, load_corpus_sessions(corpus), load_events(corpus, "test"))
    context = builder.build(points[0].point)
    assert context.current_app is None
    lines = render_events(context)
    assert lines and lines[-1].startswith("[-20s] observation The user sees an error")


def test_recorder_events_render_with_app_and_title(corpus_dir: Path) -> None:
    corpus = open_corpus(corpus_dir)
    point = load_timing_points(corpus, "test")[0]
    context = ContextBuilder(corpus, load_corpus_sessions(corpus), load_events(corpus, "test")).build(
        point.point
    )
    lines = render_events(context)
    assert any("window_focus app=terminal title='pytest'" in line for line in lines)
    assert any("text=" in line and "Traceback" in line for line in lines)
