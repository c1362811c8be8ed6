"""A regex recognizer that reports named groups, so a match can mark only its sensitive part.

Presidio's PatternRecognizer marks the whole match; for `PASSWORD=hunter2`, `user@host:~$` or
`/home/alice/src` only the value, the user and host, or the user-name segment is personal, and the rest is
context worth keeping. Each pattern names the groups it reports and the entity of each group.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from proagentbench.anonymizer.entities import PERSON


@dataclass(frozen=True)
class GroupPattern:
    name: str
    regex: str
    score: float
    groups: dict[str, str]  # group name -> entity type
    flags: int = 0
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex, self.flags))


VALUE_GROUP = "v"


def value_pattern(name: str, regex: str, score: float, entity: str) -> GroupPattern:
    """The common case: one group, named `v`, holds the value and is reported as ``entity``."""
    if f"(?P<{VALUE_GROUP}>" not in regex:
        raise ValueError(f"pattern {name!r} has no (?P<{VALUE_GROUP}>...) group")
    return GroupPattern(name, regex, score, {VALUE_GROUP: entity})


class GroupRecognizer(LocalRecognizer):
    """Subclasses declare PATTERNS and may override `validate(value)` to reject a candidate."""

    PATTERNS: Sequence[GroupPattern] = ()

    def __init__(self, patterns: Sequence[GroupPattern] | None = None, name: str | None = None) -> None:
        self.patterns = list(patterns if patterns is not None else self.PATTERNS)
        entities = sorted({entity for pattern in self.patterns for entity in pattern.groups.values()})
        super().__init__(
            supported_entities=entities, supported_language="en", name=name or type(self).__name__
        )

    def load(self) -> None:
        """Patterns compile in GroupPattern; nothing to load."""

    def validate(self, value: str) -> bool:
        del value
        return True

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        del nlp_artifacts
        wanted = set(entities) if entities else set(self.supported_entities)
        results: list[RecognizerResult] = []
        for pattern in self.patterns:
            if not wanted.intersection(pattern.groups.values()):
                continue
            for match in pattern.compiled.finditer(text):
                for group, entity in pattern.groups.items():
                    start, end = match.span(group)
                    if start < 0 or end <= start or entity not in wanted:
                        continue
                    if not self.validate(text[start:end]):
                        continue
                    results.append(RecognizerResult(entity, start, end, pattern.score))
        return results


class PersonRecognizer(LocalRecognizer):
    """A recognizer of PERSON spans only: subclasses implement `find(text)`. The name lists they use load
    on first use (`gazetteer`), so `load` has nothing to do."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[PERSON], supported_language="en", name=type(self).__name__)

    def load(self) -> None:
        """The name lists load on first use (`gazetteer`)."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        del nlp_artifacts
        if entities and PERSON not in entities:
            return []
        return self.find(text)

    def find(self, text: str) -> list[RecognizerResult]:
        raise NotImplementedError
