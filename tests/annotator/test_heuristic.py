import shutil
import sqlite3
from pathlib import Path

import pytest

from proagentbench.annotator import (
    HeuristicSettings,
    TimelineEvent,
    annotate_store,
    classify_intent,
    label_session,
)
from proagentbench.demo.sample import build_sample_store
from proagentbench.errors import ProagentError
from proagentbench.store import list_sessions, open_store

S = 1_000_000
ASSISTANT = "ChatGPT — Mozilla Firefox"


def _focus(t: float, app: str, title: str) -> TimelineEvent:
    return TimelineEvent(t=int(t * S), kind="window_focus", app=app, title=title, text=None)


def _text(t: float, app: str, title: str, text: str) -> TimelineEvent:
    return TimelineEvent(t=int(t * S), kind="text", app=app, title=title, text=text)


def test_turning_to_an_assistant_is_a_positive_with_the_query_as_content() -> None:
    events = [
        _focus(0, "code", "main.py"),
        _text(10, "code", "main.py", "def f():"),
        _focus(20, "firefox", ASSISTANT),
        _text(30, "firefox", ASSISTANT, "why does my function raise KeyError\n"),
        _focus(60, "code", "main.py"),
    ]
    points = label_session(events, HeuristicSettings(negatives_per_positive=0), session_key="s")
    assert len(points) == 1
    point = points[0]
    assert point.label and point.t == 20 * S - 1 and point.app == "code"
    assert point.content == "why does my function raise KeyError"
    assert point.intent == "debugging"


def test_visiting_an_assistant_without_asking_is_not_a_positive() -> None:
    events = [
        _focus(0, "code", "a.py"),
        _focus(20, "firefox", ASSISTANT),
        _text(200, "firefox", ASSISTANT, "late"),
    ]
    assert label_session(events, HeuristicSettings(), session_key="s") == []


def test_hard_negatives_come_from_lookalike_apps_far_from_assistant_use() -> None:
    events = [_focus(0, "code", "a.py")]
    events += [_text(10 + 20 * i, "code", "a.py", f"line {i}") for i in range(30)]
    events += [
        _focus(700, "firefox", ASSISTANT),
        _text(710, "firefox", ASSISTANT, "explain python decorators"),
    ]
    events += [_focus(800, "code", "a.py"), _focus(900, "slack", "Slack")]
    settings = HeuristicSettings(negatives_per_positive=3, min_gap_s=90)
    points = label_session(events, settings, session_key="s")
    negatives = [point for point in points if not point.label]
    assert len(negatives) == 3
    assert all(point.kind == "hard_negative" and point.app == "code" for point in negatives)
    assert all(abs(point.t - 700 * S) >= 90 * S for point in negatives)
    assert points == label_session(events, settings, session_key="s"), "labels must be deterministic"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("pandas KeyError Revenue when reading", "debugging"),
        ("write a python regex for postcodes", "coding"),
        ("rewrite this paragraph to sound more formal", "writing"),
        ("compute growth rate in a pivot table", "data_analysis"),
        ("why is the sky blue", "explanation"),
        ("where is the nearest station", "information"),
        ("hello there", "other"),
    ],
)
def test_intent_classifier(text: str, intent: str) -> None:
    assert classify_intent(text) == intent


@pytest.fixture(scope="module")
def sample_raw_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "raw.sqlite"
    build_sample_store(path)
    return path


def test_raw_sessions_are_refused(sample_raw_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "raw.sqlite"
    shutil.copyfile(sample_raw_store, copy)
    with pytest.raises(ProagentError, match="not anonymized"):
        annotate_store(copy)
    assert all(summary.annotations == 0 for summary in list_sessions(open_store(copy, read_only=True)))


def test_sample_sessions_are_labelled_idempotently(sample_raw_store: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.sqlite"
    shutil.copyfile(sample_raw_store, clean)
    with sqlite3.connect(clean) as connection:  # stands in for the anonymizer's state change
        connection.execute("UPDATE sessions SET state = 'anonymized'")
    first = annotate_store(clean)
    second = annotate_store(clean)
    assert first == second
    # Day one has two assistant visits with a query, day two three; each sample user works both days.
    assert first["sessions"] == 4 and first["positives"] == 10
    assert 0 < first["negatives"] <= 20
    assert sum(summary.annotations for summary in list_sessions(open_store(clean))) == 10 + first["negatives"]
