"""Cohen's kappa and the confusion tables between annotators, checked against scikit-learn's kappa."""

import json
import random
from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score, confusion_matrix

from proagentbench.annotator.agreement import LabelRow, agreement, cohen_kappa, confusion, pair_points
from tests.annotator.review_fixtures import labelled_clean_store
from tests.helpers import run_proagent


@pytest.mark.parametrize("seed", range(20))
def test_kappa_matches_scikit_learn(seed: int) -> None:
    draw = random.Random(seed)
    categories = ["a", "b", "c", "d"][: draw.randint(2, 4)]
    pairs = [(draw.choice(categories), draw.choice(categories)) for _ in range(draw.randint(5, 200))]
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    if len(set(first) | set(second)) < 2:
        pytest.skip("one category only")
    assert cohen_kappa(pairs) == pytest.approx(cohen_kappa_score(first, second))
    assert confusion(pairs, categories) == confusion_matrix(first, second, labels=categories).tolist()


def test_kappa_edge_cases() -> None:
    assert cohen_kappa([]) is None
    assert cohen_kappa([("yes", "yes")] * 4) is None  # chance agreement is 1: undefined, not 1.0
    assert cohen_kappa([("yes", "yes"), ("no", "no")]) == 1.0
    assert cohen_kappa([("yes", "no"), ("no", "yes")]) == -1.0


def test_points_pair_one_to_one_nearest_first_within_the_tolerance() -> None:
    def row(t: int, session: int = 1) -> LabelRow:
        return LabelRow(session_id=session, t=t, source="s", label=True, intent=None)

    first = [row(100), row(110), row(500)]
    second = [row(104), row(109, session=2), row(111), row(900)]
    pairs = pair_points(first, second, tolerance_us=5)
    assert [(a.t, b.t) for a, b in pairs] == [(100, 104), (110, 111)]  # 109 is another session, 900 too far


def test_agreement_between_sources_of_a_store(tmp_path: Path) -> None:
    rows = [
        LabelRow(1, 1_000_000, "heuristic", True, "coding"),
        LabelRow(1, 1_500_000, "vlm", True, "coding"),
        LabelRow(1, 9_000_000, "heuristic", False, None),
        LabelRow(1, 9_000_000, "vlm", True, "writing"),
        LabelRow(1, 20_000_000, "heuristic", True, "writing"),
        LabelRow(1, 20_000_000, "vlm", True, "writing"),
        LabelRow(1, 60_000_000, "vlm", False, None),  # nothing near it
    ]
    report = agreement(rows, tolerance_s=1.0)
    (comparison,) = report["comparisons"]
    assert comparison["sources"] == ["heuristic", "vlm"] and comparison["pairs"] == 3
    assert comparison["unpaired"] == [0, 1]
    assert comparison["need_assist"]["confusion"] == [[2, 0], [1, 0]]
    assert comparison["intent"]["categories"] == ["coding", "writing"]
    assert comparison["intent"]["kappa"] == 1.0


def test_annotate_agreement_prints_kappa_and_the_confusion_table(tmp_path: Path) -> None:
    clean = labelled_clean_store(tmp_path)
    as_json = run_proagent("annotate", "--agreement", "--db", str(clean), "--json")
    assert as_json.returncode == 0, as_json.stderr
    report = json.loads(as_json.stdout)
    (comparison,) = report["comparisons"]
    assert comparison["sources"] == ["heuristic", "vlm"]
    # The fixture's second source labels every moment 2 s later and turns every third label over.
    heuristic = report["points"]["heuristic"]
    assert comparison["pairs"] == heuristic == report["points"]["vlm"] > 0
    table = comparison["need_assist"]["confusion"]
    assert table[0][1] + table[1][0] == len(range(0, heuristic, 3))
    text = run_proagent("annotate", "--agreement", "--db", str(clean))
    assert text.returncode == 0, text.stderr
    assert f"heuristic vs vlm: {heuristic} paired points; need_assist kappa" in text.stdout
    assert "need_assist heuristic \\ vlm" in text.stdout
    narrow = json.loads(run_proagent("annotate", "--agreement", "--db", str(clean), "--json",
                                     "--tolerance-s", "1").stdout)  # fmt: skip
    assert narrow["comparisons"][0]["pairs"] == 0  # 2 s apart: not the same moment within 1 s
    misplaced = run_proagent("annotate", "--db", str(clean), "--tolerance-s", "1")
    assert misplaced.returncode != 0 and "--tolerance-s: only with --agreement" in misplaced.stderr


def test_annotate_agreement_refuses_a_raw_store(tmp_path: Path) -> None:
    clean = labelled_clean_store(tmp_path)
    result = run_proagent("annotate", "--agreement", "--db", str(tmp_path / "raw.sqlite"))
    assert result.returncode != 0 and "not anonymized" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and clean.exists()
