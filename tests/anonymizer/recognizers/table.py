"""Recognizer tables, one file per recognizer as in Presidio's own tests: each row is a text and every finding
the recognizer must report in it, as (value, entity, score); an empty list is a negative. Recognizers are
built by their registry name with the analyzer's run-time context, exactly as the analyzer builds them."""

from typing import Any

from proagentbench import plugins
from proagentbench.anonymizer.analyzer import PHONE_REGIONS
from proagentbench.anonymizer.identity import Identity

Finding = tuple[str, str, float]
Row = tuple[str, list[Finding]]


def build(name: str, identity: Identity | None = None) -> Any:
    return plugins.build(
        "recognizers", plugins.Spec(name), identity=identity or Identity(), phone_regions=PHONE_REGIONS
    )


def findings(recognizer: Any, text: str) -> list[Finding]:
    results = recognizer.analyze(text, list(recognizer.supported_entities), None)
    return sorted((text[r.start : r.end], r.entity_type, r.score) for r in results)


def ids(rows: list[Row]) -> list[str]:
    return [text[:30] for text, _ in rows]
