"""A VLM annotation run against the local server: the budget stops it cleanly and a rerun resumes from the
cache, the progress bar counts every decision point, the privacy screening flags segments, and two models'
labels live side by side under their own sources."""

import json
import sqlite3
from pathlib import Path

import pytest

from proagentbench.annotator import TimelineEvent, annotate_store, build_annotator
from proagentbench.annotator.review.data import store_agreement
from proagentbench.devtools.model_server import EMAIL, ModelServer
from proagentbench.models.budget import Budget, BudgetLimits
from proagentbench.models.capabilities import forget_all
from proagentbench.models.prices import Price
from proagentbench.plugins import Spec

MOMENTS = {1: 12, 2: 10, 3: 9, 4: 11}  # candidate moments of the sample store's sessions, by session id
SOURCE = "vlm:v:vlm-v1"


def _args(server: ModelServer, tmp_path: Path, **extra: object) -> dict[str, object]:
    """Text only: these tests are about the run, not the frames (test_vlm.py checks those)."""
    return {"base_url": server.base_url, "model": "v", "cache_dir": str(tmp_path / "cache"), "max_frames": 0,
            **extra}  # fmt: skip


def _rows(db: Path, *, privacy: bool = False) -> list[tuple[int, int, str]]:
    test = "=" if privacy else "!="
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT session_id, t, data FROM annotations "
            f"WHERE source LIKE 'vlm:%' AND kind {test} 'privacy' ORDER BY session_id, t"
        ).fetchall()


def test_max_requests_stops_cleanly_and_a_rerun_resumes_from_the_cache(clean: Path, tmp_path: Path) -> None:
    with ModelServer() as server:
        annotator = build_annotator(Spec("vlm", _args(server, tmp_path)))
        budget = Budget(BudgetLimits(max_requests=15))
        annotator.set_budget(budget)  # type: ignore[attr-defined]
        totals = annotate_store(clean, annotator)
        assert len(server.requests) == 15 and budget.exhausted
        assert (totals["sessions"], totals["sessions_left"], totals["failed"]) == (1, 3, 0)
        assert {sid for sid, _, _ in _rows(clean)} == {1}  # the half-done session is not written
        assert len(_rows(clean)) == MOMENTS[1]
        forget_all()  # a new process
        totals = annotate_store(clean, Spec("vlm", _args(server, tmp_path)))
        # Only what had not been answered is asked: the 3 moments of session 2 come from the cache.
        assert len(server.requests) == sum(MOMENTS.values()) == 15 + 27
    assert totals["sessions"] == 4 and "sessions_left" not in totals
    assert len(_rows(clean)) == sum(MOMENTS.values())


def test_max_cost_stops_after_the_request_that_reached_it(clean: Path, tmp_path: Path) -> None:
    with ModelServer() as server:
        annotator = build_annotator(Spec("vlm", _args(server, tmp_path, concurrency=1, use_cache=False)))
        budget = Budget(BudgetLimits(max_cost=0.01), Price(input=2.0, output=8.0))
        annotator.set_budget(budget)  # type: ignore[attr-defined]
        totals = annotate_store(clean, annotator)
    usage = annotator.usage()  # type: ignore[attr-defined]
    assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0
    expected = (usage["prompt_tokens"] * 2.0 + usage["completion_tokens"] * 8.0) / 1e6
    assert budget.cost == pytest.approx(expected)
    assert budget.cost >= 0.01 and len(server.requests) == usage["requests"] == budget.requests
    spent_before_last = budget.cost * (budget.requests - 1) / budget.requests
    assert spent_before_last < 0.01  # it stopped at the first request past the limit (equal-sized requests)
    assert totals["sessions_left"] > 0


class _Recorder:
    def __init__(self) -> None:
        self.totals: dict[str, int | None] = {}
        self.done: dict[str, int] = {}

    def task(self, description: str, total: int | None):  # type: ignore[no-untyped-def]
        self.totals[description] = total
        self.done[description] = 0

        def advance(count: int) -> None:
            self.done[description] += count

        return advance

    def note(self, message: str) -> None:
        del message


def test_the_progress_bar_counts_every_decision_point(clean: Path, tmp_path: Path) -> None:
    progress = _Recorder()
    with ModelServer() as server:
        annotate_store(clean, Spec("vlm", _args(server, tmp_path)), progress=progress)
    points = sum(MOMENTS.values())
    assert progress.totals["decision points"] == progress.done["decision points"] == points
    assert len(server.requests) == points and progress.done["sessions"] == 4


def test_the_privacy_screening_flags_segments_showing_personal_data(clean: Path, tmp_path: Path) -> None:
    with ModelServer() as server:
        totals = annotate_store(clean, Spec("vlm", _args(server, tmp_path, concurrency=1)))
    assert all("PRIVACY SCREENING" in body["messages"][0]["content"] for body in server.requests)
    shown = [EMAIL.search(json.dumps(body["messages"][1])) is not None for body in server.requests]
    moments = _rows(clean)
    assert len(moments) == len(shown) and any(shown) and not all(shown)
    flags = [(sid, t, json.loads(data)) for sid, t, data in _rows(clean, privacy=True)]
    assert totals["privacy_flags"] == len(flags) > 0
    covered = [(sid, t) for sid, t, data in flags]
    for (sid, t, _), leaked in zip(moments, shown, strict=True):
        inside = [f for f in flags if f[0] == sid and f[1] <= t <= f[2]["end"]]
        if leaked:
            assert inside, f"moment {sid}@{t} showed an e-mail address but no flag covers it"
    for sid, start, data in flags:
        assert data["reason"] == "an e-mail address" and data["end"] > start
        assert "@" not in data["reason"] and data["annotator"]["name"] == "vlm"
        flagged = [t for (s, t, _), leaked in zip(moments, shown, strict=True) if s == sid and leaked]
        assert any(start <= t <= data["end"] for t in flagged)  # every flag comes from a flagged moment
    assert len(set(covered)) == len(covered)  # one flag per start: a reviewer's answer pairs with one flag
    spans = sorted((sid, start, data["end"]) for sid, start, data in flags)
    assert all(a[0] != b[0] or a[2] < b[1] for a, b in zip(spans, spans[1:], strict=False))  # merged


def test_without_screening_there_are_no_flags(clean: Path, tmp_path: Path) -> None:
    with ModelServer() as server:
        totals = annotate_store(clean, Spec("vlm", _args(server, tmp_path, screen_privacy=False)))
    assert totals["privacy_flags"] == 0 and _rows(clean, privacy=True) == []
    assert not any("PRIVACY SCREENING" in body["messages"][0]["content"] for body in server.requests)
    assert "sensitive" not in server.requests[0]["response_format"]["json_schema"]["schema"]["properties"]


def test_two_models_labels_are_told_apart(clean: Path, tmp_path: Path) -> None:
    with ModelServer() as server:
        for model in ("a", "b"):
            annotate_store(clean, Spec("vlm", _args(server, tmp_path, model=model)))
    with sqlite3.connect(clean) as connection:
        sources = dict(
            connection.execute(
                "SELECT source, COUNT(*) FROM annotations WHERE kind != 'privacy' GROUP BY source"
            ).fetchall()
        )
    assert sources == {"vlm:a:vlm-v1": 42, "vlm:b:vlm-v1": 42}
    report = store_agreement(clean)
    assert [c["sources"] for c in report["comparisons"]] == [["vlm:a:vlm-v1", "vlm:b:vlm-v1"]]


def test_a_reply_cut_off_at_max_tokens_is_repaired_in_the_same_mode(tmp_path: Path) -> None:
    """As SmolLM2 did once (docs/benchmarks.md): a reply that ran to max_tokens inside a string is not the
    server ignoring the format, so it is not asked again in plainer modes (three requests there)."""
    s = 1_000_000
    timeline = [
        TimelineEvent(0, "window_focus", "editor", "main.py", None),
        TimelineEvent(10 * s, "text", "editor", "", "def main(): raise error"),
        TimelineEvent(60 * s, "window_focus", "terminal", "bash", None),
    ]
    with ModelServer(script=["cut_off"]) as server:
        annotator = build_annotator(Spec("vlm", _args(server, tmp_path, use_cache=False)))
        points = annotator.label(timeline, session_key="k")
    assert [p.t for p in points] == [60 * s - 1]
    assert points[0].details is not None and points[0].details["response_format"] == "json_schema"
    assert [body["response_format"]["type"] for body in server.requests] == ["json_schema", "json_schema"]
    repair = server.requests[1]["messages"]
    assert repair[-2]["role"] == "assistant" and "cut off at max_tokens (512)" in repair[-1]["content"]
    assert annotator.usage()["repairs"] == 1  # type: ignore[attr-defined]


def test_a_process_worker_gets_the_annotator_rebuilt_from_its_arguments(tmp_path: Path) -> None:
    import pickle

    with ModelServer() as server:
        annotator = build_annotator(Spec("vlm", _args(server, tmp_path, model="w")))
        annotator.set_budget(Budget(BudgetLimits(max_requests=1)))  # type: ignore[attr-defined]
        copy = pickle.loads(pickle.dumps(annotator))
    assert copy.spec == annotator.spec and copy.source == "vlm:w:vlm-v1"
    assert copy.model.budget is None and copy.failed == 0
