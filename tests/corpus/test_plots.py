"""`proagent stats --plots`: count axes tick at whole numbers, and log axes label decades only."""

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from proagentbench.corpus import compute_stats, write_plots
from tests.bench.corpus_builder import two_user_corpus


def test_count_ticks_are_whole_and_log_ticks_do_not_crowd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import matplotlib.pyplot as plt

    stats = compute_stats(two_user_corpus(tmp_path / "corpus"))
    # Counts of one and two are where a default axis ticks at 0.25, 0.5, ...
    stats = dataclasses.replace(stats, intents={"debugging": 2, "writing": 1})
    drawn: list[Any] = []
    monkeypatch.setattr(plt, "close", drawn.append)  # keep each figure open to read its axes
    written = write_plots(stats, tmp_path / "plots")
    assert [p.name for p in written] == [
        "events_by_kind.png", "label_balance.png", "intents.png", "inter_event_times.png",
    ]  # fmt: skip
    try:
        *bars, histogram = [figure.axes[0] for figure in drawn if not isinstance(figure, str)]
        for axes in bars:
            ticks = [tick for tick in axes.get_xticks() if axes.get_xlim()[0] <= tick <= axes.get_xlim()[1]]
            assert ticks and all(float(tick).is_integer() for tick in ticks), (axes.get_title(), ticks)
        for axes in [*bars, histogram]:
            _no_overlapping_labels(axes)
        assert all(not label.get_text() for label in histogram.xaxis.get_minorticklabels())
        assert all(not label.get_text() for label in histogram.yaxis.get_minorticklabels())
        assert histogram.get_xlabel() and histogram.get_ylabel() == "count"
    finally:
        monkeypatch.undo()
        plt.close("all")


def _no_overlapping_labels(axes: Any) -> None:
    renderer = axes.figure.canvas.get_renderer()
    for axis in (axes.xaxis, axes.yaxis):
        labels = [t for t in axis.get_ticklabels(which="both") if t.get_visible() and t.get_text()]
        boxes = [t.get_window_extent(renderer) for t in labels]
        for i, box in enumerate(boxes):
            for other in boxes[i + 1 :]:
                assert not box.overlaps(other), (axes.get_title(), [t.get_text() for t in labels])
