"""Seeded, hash-based train/test assignment of groups (users or sessions).

Each group's side depends only on the seed and its own key (sha256), so adding data never moves an existing
group, and the same group can never land on both sides. With two or more groups both sides are made
non-empty by moving the group closest to the threshold.
"""

import hashlib
from collections.abc import Iterable

from proagentbench.errors import ProagentError

TRAIN = "train"
TEST = "test"
SPLIT_BY_CHOICES = ("user", "session")


class SplitError(ProagentError):
    """Invalid split settings."""


def check_split_settings(split_by: str, test_fraction: float) -> None:
    if split_by not in SPLIT_BY_CHOICES:
        raise SplitError(f"--split-by must be one of {', '.join(SPLIT_BY_CHOICES)}, not {split_by!r}")
    if not 0.0 <= test_fraction <= 1.0:
        raise SplitError(f"--test-fraction must be between 0 and 1, not {test_fraction}")


def group_score(seed: int, group: str) -> float:
    """A uniform number in [0, 1) derived from the seed and the group key only."""
    digest = hashlib.sha256(f"{seed}\x00{group}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_splits(
    groups: Iterable[str], *, test_fraction: float, seed: int, ensure_both: bool = True
) -> dict[str, str]:
    """Map every distinct group to `train` or `test`.

    A group goes to test when its score is below ``test_fraction``. With ``ensure_both`` and at least two
    groups, an empty side receives the one group whose score is nearest the threshold (ties broken by key),
    so the result stays deterministic. A fraction of exactly 0 or 1 is honoured (all train / all test).
    """
    scores = {group: group_score(seed, group) for group in sorted(set(groups))}
    splits = {group: TEST if score < test_fraction else TRAIN for group, score in scores.items()}
    if not ensure_both or len(splits) < 2 or test_fraction in (0.0, 1.0):
        return splits
    sides = set(splits.values())
    if sides == {TRAIN}:
        moved = min(scores, key=lambda g: (scores[g], g))
        splits[moved] = TEST
    elif sides == {TEST}:
        moved = max(scores, key=lambda g: (scores[g], g))
        splits[moved] = TRAIN
    return splits
