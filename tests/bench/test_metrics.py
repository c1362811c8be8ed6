import math

import pytest

from proagentbench.benchmark.metrics.content import intent_metrics, macro_f1
from proagentbench.benchmark.metrics.end_to_end import end_to_end, end_to_end_scores
from proagentbench.benchmark.metrics.timing import auroc, timing_metrics

# 10 points: TP=3, FN=2, FP=1, TN=4 (hand-counted).
LABELS = [True, True, True, True, True, False, False, False, False, False]
DECISIONS = [True, True, True, False, False, True, False, False, False, False]


def test_timing_metrics_match_hand_computed_values() -> None:
    m = timing_metrics(LABELS, DECISIONS, resamples=200)
    assert m["confusion"] == {"tp": 3, "fp": 1, "fn": 2, "tn": 4}
    assert m["accuracy"]["value"] == pytest.approx(7 / 10)
    assert m["precision"]["value"] == pytest.approx(3 / 4)
    assert m["recall"]["value"] == pytest.approx(3 / 5)
    assert m["f1"]["value"] == pytest.approx(2 * 3 / (2 * 3 + 1 + 2))
    assert m["false_alarm_rate"]["value"] == pytest.approx(1 / 5)  # FP/(FP+TN), not 1 - precision (0.25)
    assert m["balanced_accuracy"]["value"] == pytest.approx((3 / 5 + 4 / 5) / 2)
    assert m["auroc"] == {"value": None, "ci": None}  # no scores given


def test_timing_metrics_agree_with_sklearn() -> None:
    from sklearn import metrics as sk

    scores = [0.9, 0.8, 0.7, 0.4, 0.5, 0.6, 0.1, 0.2, 0.5, 0.3]
    m = timing_metrics(LABELS, DECISIONS, scores, resamples=200)
    assert m["accuracy"]["value"] == pytest.approx(sk.accuracy_score(LABELS, DECISIONS))
    assert m["precision"]["value"] == pytest.approx(sk.precision_score(LABELS, DECISIONS))
    assert m["recall"]["value"] == pytest.approx(sk.recall_score(LABELS, DECISIONS))
    assert m["f1"]["value"] == pytest.approx(sk.f1_score(LABELS, DECISIONS))
    assert m["balanced_accuracy"]["value"] == pytest.approx(sk.balanced_accuracy_score(LABELS, DECISIONS))
    assert m["auroc"]["value"] == pytest.approx(sk.roc_auc_score(LABELS, scores))


def test_auroc_counts_ties_as_half() -> None:
    import numpy as np

    # One positive and one negative with the same score: AUROC 0.5 exactly.
    assert auroc(np.array([True, False]), np.array([0.3, 0.3])) == pytest.approx(0.5)
    assert auroc(np.array([True, True]), np.array([0.3, 0.4])) is None


def test_confidence_intervals_bracket_the_estimate_and_are_seeded() -> None:
    labels = [i % 3 == 0 for i in range(300)]
    decisions = [i % 2 == 0 for i in range(300)]
    first = timing_metrics(labels, decisions, resamples=500, seed=1)
    again = timing_metrics(labels, decisions, resamples=500, seed=1)
    assert first == again
    for name in ("accuracy", "f1", "false_alarm_rate"):
        low, high = first[name]["ci"]
        assert low < first[name]["value"] < high
        assert high - low < 0.25
    wider = timing_metrics(labels[:30], decisions[:30], resamples=500, seed=1)
    assert wider["accuracy"]["ci"][1] - wider["accuracy"]["ci"][0] > high - low


def test_undefined_metrics_are_null_not_zero() -> None:
    m = timing_metrics([False, False], [False, False], resamples=50)
    assert m["precision"]["value"] is None and m["recall"]["value"] is None
    assert m["accuracy"]["value"] == 1.0 and m["false_alarm_rate"]["value"] == 0.0
    empty = timing_metrics([], [], resamples=50)
    assert empty["n"] == 0 and empty["accuracy"] == {"value": None, "ci": None}


def test_macro_f1_matches_sklearn() -> None:
    from sklearn.metrics import f1_score

    truth = ["debug", "search", "debug", "code", "code", "search"]
    predicted = ["debug", "debug", "debug", "code", "search", "other"]
    expected = f1_score(truth, predicted, average="macro", zero_division=0)
    assert macro_f1(truth, predicted) == pytest.approx(expected)


def test_intent_metrics_ignore_case_and_count_missing_as_wrong() -> None:
    m = intent_metrics(["Debug", "search", "code"], ["debug ", None, "write"], resamples=100)
    assert m["intent_accuracy"]["value"] == pytest.approx(1 / 3)
    # classes debug, search, code, write: F1 1, 0, 0, 0
    assert m["intent_macro_f1"]["value"] == pytest.approx(1 / 4)


def test_end_to_end_scores_content_only_where_timing_was_right() -> None:
    timing = [
        ("a", True, True),
        ("b", True, False),
        ("c", False, False),
        ("d", False, True),
        ("e", True, True),
    ]
    quality = {"a": 0.8, "b": 1.0, "e": 0.0}
    assert end_to_end_scores(timing, quality) == [0.8, 0.0, 1.0, 0.0, 0.0]
    result = end_to_end(timing, {"similarity": quality}, resamples=100)
    assert result["similarity"]["value"] == pytest.approx(1.8 / 5)
    assert not math.isnan(result["similarity"]["ci"][0])
