import pytest

from proagentbench.corpus.splits import SplitError, assign_splits, check_split_settings, group_score


def test_assignment_is_deterministic_and_seeded() -> None:
    groups = [f"user-{i}" for i in range(50)]
    first = assign_splits(groups, test_fraction=0.3, seed=1)
    assert first == assign_splits(reversed(groups), test_fraction=0.3, seed=1)
    assert first != assign_splits(groups, test_fraction=0.3, seed=2)
    share = sum(side == "test" for side in first.values()) / len(first)
    assert 0.1 < share < 0.5


def test_adding_groups_never_moves_existing_ones() -> None:
    small = assign_splits([f"g{i}" for i in range(20)], test_fraction=0.5, seed=0)
    large = assign_splits([f"g{i}" for i in range(200)], test_fraction=0.5, seed=0)
    assert all(large[group] == side for group, side in small.items())


def test_both_sides_are_non_empty_with_two_groups() -> None:
    for seed in range(30):
        tiny = assign_splits(["a", "b"], test_fraction=0.01, seed=seed)
        assert set(tiny.values()) == {"train", "test"}
        big = assign_splits(["a", "b", "c"], test_fraction=0.99, seed=seed)
        assert set(big.values()) == {"train", "test"}


def test_one_group_and_extreme_fractions_are_honoured() -> None:
    assert set(assign_splits(["only"], test_fraction=0.5, seed=0).values()) <= {"train", "test"}
    assert set(assign_splits(["a", "b", "c"], test_fraction=1.0, seed=0).values()) == {"test"}
    assert set(assign_splits(["a", "b", "c"], test_fraction=0.0, seed=0).values()) == {"train"}


def test_scores_are_uniform_numbers() -> None:
    scores = [group_score(0, f"g{i}") for i in range(1000)]
    assert all(0 <= s < 1 for s in scores) and 0.45 < sum(scores) / len(scores) < 0.55


@pytest.mark.parametrize(("split_by", "fraction"), [("host", 0.2), ("user", -0.1), ("session", 1.01)])
def test_bad_settings_are_refused(split_by: str, fraction: float) -> None:
    with pytest.raises(SplitError):
        check_split_settings(split_by, fraction)
