"""Found spans of personal data, and merging overlaps so that everything any recognizer flagged is covered."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    entity: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "entity": self.entity, "score": round(self.score, 3)}


def merge_spans(spans: list[Span]) -> list[Span]:
    """Union overlapping spans; the merged span takes the entity of its best-scoring (then longest) member."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            best = max((last, span), key=lambda s: (s.score, s.end - s.start))
            merged[-1] = Span(last.start, max(last.end, span.end), best.entity, max(last.score, span.score))
        else:
            merged.append(span)
    return merged
