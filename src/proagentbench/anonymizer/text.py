"""Text scrubbing: analyse a string, merge the spans, and apply the policy's operator to each entity."""

import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.pseudonym import Pseudonymizer
from proagentbench.anonymizer.spans import Span, merge_spans

CACHE_SIZE = 8192
# Our own placeholders (`<PERSON_1a2b3c4d>`, also after hashing) are never PII: scrubbing is idempotent.
PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*_[0-9a-f]{8}>|\b[0-9a-f]{32}\b")


@dataclass(frozen=True)
class Scrubbed:
    text: str
    spans: tuple[Span, ...]  # positions in the input text


class TextScrubber:
    """Scrubs strings with one analyzer and policy; repeated strings (titles) come from a bounded cache."""

    def __init__(self, analyzer: Any, policy: Policy, pseudonymizer: Pseudonymizer) -> None:
        from presidio_anonymizer import AnonymizerEngine

        self._analyzer = analyzer
        self._policy = policy
        self._pseudonymizer = pseudonymizer
        self._engine = AnonymizerEngine()
        self._entities = list(policy.scrubbed_entities)
        self._operators = {entity: self._operator_config(entity) for entity in policy.entities}
        self._cache: OrderedDict[str, Scrubbed] = OrderedDict()

    @property
    def policy(self) -> Policy:
        return self._policy

    @property
    def pseudonymizer(self) -> Pseudonymizer:
        return self._pseudonymizer

    def analyze(self, text: str) -> list[Span]:
        if not text.strip():
            return []
        results = self._analyzer.analyze(
            text=text, language="en", entities=self._entities, score_threshold=self._policy.score_threshold
        )
        placeholders = [m.span() for m in PLACEHOLDER.finditer(text)]
        spans = [
            Span(r.start, r.end, r.entity_type, r.score)
            for r in results
            if not any(start <= r.start and r.end <= end for start, end in placeholders)
        ]
        return merge_spans(spans)

    def scrub(self, text: str) -> Scrubbed:
        cached = self._cache.get(text)
        if cached is not None:
            self._cache.move_to_end(text)
            return cached
        spans = self.analyze(text)
        scrubbed = Scrubbed(self._apply(text, spans), tuple(spans))
        self._cache[text] = scrubbed
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return scrubbed

    def _apply(self, text: str, spans: list[Span]) -> str:
        if not spans:
            return text
        from presidio_anonymizer.entities import RecognizerResult

        results = [RecognizerResult(s.entity, s.start, s.end, s.score) for s in spans]
        return str(
            self._engine.anonymize(text=text, analyzer_results=results, operators=self._operators).text
        )

    def _operator_config(self, entity: str) -> Any:
        from presidio_anonymizer.entities import OperatorConfig

        operator = self._policy.operator_for(entity)
        if operator == "drop":
            return OperatorConfig("redact", {})
        if operator == "mask":
            return OperatorConfig(
                "mask", {"masking_char": "*", "chars_to_mask": 1_000_000, "from_end": False}
            )
        pseudonymizer = self._pseudonymizer
        if operator == "hash":
            return OperatorConfig("custom", {"lambda": lambda value: pseudonymizer.hashed(entity, value)})
        return OperatorConfig("custom", {"lambda": lambda value: pseudonymizer.placeholder(entity, value)})
