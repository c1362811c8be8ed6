"""Generic high-entropy tokens (random keys without a known prefix), told apart from identifiers and hashes.

A token qualifies when it is long, mixes upper case, lower case and digits, has high Shannon entropy, and
most of it is not made of word-like runs (four or more letters of one case, as in `SingletonProxyFactory`).
Pure hex strings (git commit ids, checksums, UUIDs) are left alone: they are everywhere on a developer's
screen and are not credentials.
"""

import math
import re
from collections import Counter

from proagentbench.anonymizer.entities import SECRET
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

MIN_LENGTH = 20
MIN_ENTROPY_BITS = 3.5
MAX_WORDLIKE_SHARE = 0.5
_HEX = re.compile(r"[0-9a-fA-F\-]+")
_WORDLIKE_RUN = re.compile(r"[a-z]{4,}|[A-Z]{4,}")


def shannon_entropy(value: str) -> float:
    counts = Counter(value)
    total = len(value)
    return -sum(count / total * math.log2(count / total) for count in counts.values())


def wordlike_share(value: str) -> float:
    return sum(len(run) for run in _WORDLIKE_RUN.findall(value)) / max(1, len(value))


def looks_random(value: str) -> bool:
    core = value.rstrip("=")
    if len(core) < MIN_LENGTH or _HEX.fullmatch(core):
        return False
    if not (
        any(c.isdigit() for c in core) and any(c.isupper() for c in core) and any(c.islower() for c in core)
    ):
        return False
    return shannon_entropy(core) >= MIN_ENTROPY_BITS and wordlike_share(core) <= MAX_WORDLIKE_SHARE


class HighEntropyRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "high-entropy token",
            r"(?<![A-Za-z0-9+/_\-])(?P<v>[A-Za-z0-9+/_\-]{"
            + str(MIN_LENGTH)
            + r",}={0,2})(?![A-Za-z0-9+/_\-])",
            0.7,
            SECRET,
        ),
    )

    def validate(self, value: str) -> bool:
        return looks_random(value)
