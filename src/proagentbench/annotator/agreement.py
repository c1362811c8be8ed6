"""Agreement between annotators: Cohen's kappa and a confusion table over the points two sources share.

Annotators place their points at their own times (the heuristic just before a switch to an assistant, the VLM
at segment boundaries and every few minutes), so points of two sources are paired one to one within a session
when their times are at most ``tolerance_s`` apart, nearest first. A human review copies the reviewed point's
time, so it always pairs exactly. Two questions are compared: ``need_assist`` (the label, every pair) and the
intent (the pairs both sources call positive).
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from proagentbench.timeutil import MICROS_PER_SECOND

DEFAULT_TOLERANCE_S = 5.0


@dataclass(frozen=True)
class LabelRow:
    """One source's label at one moment, as agreement needs it."""

    session_id: int
    t: int
    source: str
    label: bool
    intent: str | None


def cohen_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of two raters over ``pairs``; None when undefined (no pairs, chance agreement 1)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def confusion(pairs: Sequence[tuple[str, str]], categories: Sequence[str]) -> list[list[int]]:
    """Counts: row = the first source's category, column = the second's, in the order of ``categories``."""
    index = {category: i for i, category in enumerate(categories)}
    table = [[0] * len(categories) for _ in categories]
    for a, b in pairs:
        table[index[a]][index[b]] += 1
    return table


def pair_points(
    first: Sequence[LabelRow], second: Sequence[LabelRow], tolerance_us: int
) -> list[tuple[LabelRow, LabelRow]]:
    """One-to-one pairs of points of the same session at most ``tolerance_us`` apart, closest pairs first."""
    candidates = sorted(
        (abs(a.t - b.t), i, j)
        for i, a in enumerate(first)
        for j, b in enumerate(second)
        if a.session_id == b.session_id and abs(a.t - b.t) <= tolerance_us
    )
    used_first: set[int] = set()
    used_second: set[int] = set()
    pairs: list[tuple[LabelRow, LabelRow]] = []
    for _gap, i, j in candidates:
        if i in used_first or j in used_second:
            continue
        used_first.add(i)
        used_second.add(j)
        pairs.append((first[i], second[j]))
    return sorted(pairs, key=lambda pair: (pair[0].session_id, pair[0].t))


def _by_session(rows: Sequence[LabelRow]) -> dict[int, list[LabelRow]]:
    grouped: dict[int, list[LabelRow]] = {}
    for row in rows:
        grouped.setdefault(row.session_id, []).append(row)
    return grouped


def compare(first: Sequence[LabelRow], second: Sequence[LabelRow], tolerance_us: int) -> dict[str, Any]:
    """Kappa and confusion tables of two sources' labels (and of their intents where both are positive)."""
    pairs: list[tuple[LabelRow, LabelRow]] = []
    second_by_session = _by_session(second)
    for session_id, rows in _by_session(first).items():
        pairs.extend(pair_points(rows, second_by_session.get(session_id, []), tolerance_us))
    labels = [(_yes_no(a.label), _yes_no(b.label)) for a, b in pairs]
    intents = [(a.intent or "other", b.intent or "other") for a, b in pairs if a.label and b.label]
    intent_categories = sorted({value for pair in intents for value in pair})
    return {
        "pairs": len(pairs),
        "unpaired": [len(first) - len(pairs), len(second) - len(pairs)],
        "need_assist": {
            "kappa": cohen_kappa(labels),
            "agreement": _share(labels),
            "categories": ["yes", "no"],
            "confusion": confusion(labels, ["yes", "no"]),
        },
        "intent": {
            "pairs": len(intents),
            "kappa": cohen_kappa(intents),
            "agreement": _share(intents),
            "categories": intent_categories,
            "confusion": confusion(intents, intent_categories),
        },
    }


def agreement(rows: Iterable[LabelRow], *, tolerance_s: float = DEFAULT_TOLERANCE_S) -> dict[str, Any]:
    """Every pair of sources found in ``rows``, compared; sources in alphabetical order."""
    by_source: dict[str, list[LabelRow]] = {}
    for row in rows:
        by_source.setdefault(row.source, []).append(row)
    tolerance_us = int(tolerance_s * MICROS_PER_SECOND)
    comparisons = []
    for a, b in combinations(sorted(by_source), 2):
        comparisons.append({"sources": [a, b], **compare(by_source[a], by_source[b], tolerance_us)})
    return {
        "tolerance_s": tolerance_s,
        "points": {source: len(points) for source, points in sorted(by_source.items())},
        "comparisons": comparisons,
    }


def _yes_no(label: bool) -> str:
    return "yes" if label else "no"


def _share(pairs: Sequence[tuple[str, str]]) -> float | None:
    return sum(a == b for a, b in pairs) / len(pairs) if pairs else None


def format_agreement(report: dict[str, Any]) -> list[str]:
    """The report as plain-text lines: per pair of sources, the kappas and the need-assist confusion table."""
    counts = ", ".join(f"{source} {n}" for source, n in report["points"].items()) or "none"
    lines = [f"decision points per source: {counts} (paired within {report['tolerance_s']:g} s)"]
    if not report["comparisons"]:
        lines.append("agreement needs labels from at least two sources")
    for comparison in report["comparisons"]:
        a, b = comparison["sources"]
        need, intent = comparison["need_assist"], comparison["intent"]
        lines.append(
            f"{a} vs {b}: {comparison['pairs']} paired points; need_assist kappa {_number(need['kappa'])} "
            f"(agreement {_number(need['agreement'])}); intent kappa {_number(intent['kappa'])} over "
            f"{intent['pairs']} points both call positive"
        )
        lines.extend(_table(f"need_assist {a} \\ {b}", need["categories"], need["confusion"]))
        if intent["pairs"]:
            lines.extend(_table(f"intent {a} \\ {b}", intent["categories"], intent["confusion"]))
    return lines


def _table(corner: str, categories: Sequence[str], counts: Sequence[Sequence[int]]) -> list[str]:
    width = max(len(corner), *(len(c) for c in categories))
    cell = max(5, *(len(c) for c in categories))
    header = "  " + corner.ljust(width) + "".join(c.rjust(cell + 1) for c in categories)
    rows = [
        "  " + category.ljust(width) + "".join(str(n).rjust(cell + 1) for n in row)
        for category, row in zip(categories, counts, strict=True)
    ]
    return [header, *rows]


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
