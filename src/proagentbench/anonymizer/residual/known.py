"""Known values: strings known to be personal (the policy's identity, and every value the anonymizer replaced
in the raw store), searched for again in clean text and in OCR lines, whatever form they took there.

In text a value matches as whole words, case-insensitively, with any punctuation or spacing between its parts
(`Maria Keller`, `maria.keller`, `MARIA_KELLER`). In OCR lines the anonymizer's noise-tolerant matcher
(`image.fuzzy.KnownValues`) finds it despite misread characters.
"""

import re
from collections.abc import Iterable, Iterator, Sequence

from proagentbench.anonymizer.gazetteer import common_words, first_names, last_names
from proagentbench.anonymizer.identity import Identity
from proagentbench.anonymizer.image.fuzzy import MIN_VALUE_CHARS, KnownValues, normalise
from proagentbench.anonymizer.image.ocr import Word

_PARTS = re.compile(r"[^\W_]+")


class KnownSet:
    """Values with the entity each one was known as (IDENTITY for the policy's own)."""

    def __init__(self, values: Iterable[tuple[str, str]] = ()) -> None:
        entities: dict[str, str] = {}
        for value, entity in values:
            if len(normalise(value)) >= MIN_VALUE_CHARS:
                entities.setdefault(value.strip(), entity)
        self._entities = entities
        self._by_normalised = {normalise(value): entity for value, entity in entities.items()}
        self._fuzzy = KnownValues(entities)
        self._pattern = _word_pattern(entities)

    def __len__(self) -> int:
        return len(self._entities)

    def in_text(self, text: str) -> Iterator[tuple[str, str]]:
        """(entity, matched text) for every known value in ``text``."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            yield self._by_normalised.get(normalise(match.group()), "KNOWN_VALUE"), match.group()

    def in_line(self, line: Sequence[Word]) -> Iterator[tuple[str, str]]:
        """(entity, OCR words) for every run of words of one OCR line that spells a known value."""
        if not self._fuzzy:
            return
        hits = sorted(self._fuzzy.matching_words(line))
        for run in _runs(hits):
            text = " ".join(line[i].text for i in run)
            yield self._by_normalised.get(normalise(text), "KNOWN_VALUE"), text


def identity_values(identity: Identity) -> list[tuple[str, str]]:
    return [
        (value, "IDENTITY")
        for value in (
            *identity.user_names,
            *identity.host_names,
            *identity.person_names,
            *identity.emails,
            *identity.extra_terms,
        )
    ]


def everyday_word(value: str) -> bool:
    """A single word of the common-word vocabulary that is no listed first or last name."""
    parts = _PARTS.findall(value.lower())
    if len(parts) != 1:
        return False
    word = parts[0]
    return word in common_words() and word not in first_names() and word not in last_names()


def _word_pattern(values: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = []
    for value in sorted(values, key=len, reverse=True):
        parts = _PARTS.findall(value)
        if parts:
            alternatives.append(r"[\W_]*".join(re.escape(part) for part in parts))
    if not alternatives:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE)


def _runs(indexes: list[int]) -> Iterator[list[int]]:
    run: list[int] = []
    for index in indexes:
        if run and index != run[-1] + 1:
            yield run
            run = []
        run.append(index)
    if run:
        yield run
