"""Word phrases looked up in a text by whole words: the one matcher behind `calendar_words` and `place_names`.

A phrase is lower-case words joined by single spaces; in the text its words must follow each other with one
space between them (a hyphen or apostrophe joins two words into one token: `an t-samhain`; a caller that
reads hyphens as spaces replaces them in its tokens and its phrases alike).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
Token = tuple[int, int, str]  # start, end, lower-case word


@dataclass(frozen=True)
class Phrases:
    phrases: frozenset[str]
    first_words: frozenset[str]
    longest: int  # words

    @classmethod
    def of(cls, phrases: Iterable[str]) -> "Phrases":
        known = frozenset(phrases)
        first = frozenset(phrase.partition(" ")[0] for phrase in known)
        return cls(known, first, 1 + max((phrase.count(" ") for phrase in known), default=0))


def tokens(text: str) -> list[Token]:
    return [(match.start(), match.end(), match.group().lower()) for match in WORD.finditer(text)]


def longest_at(text: str, words: list[Token], position: int, phrases: Phrases) -> int:
    """How many words the longest known phrase covers from `words[position]` on (0: none)."""
    if words[position][2].partition(" ")[0] not in phrases.first_words:
        return 0
    run = 1  # words from `position` on separated by single spaces
    while (
        run < phrases.longest
        and position + run < len(words)
        and text[words[position + run - 1][1] : words[position + run][0]] == " "
    ):
        run += 1
    for length in range(run, 0, -1):
        if " ".join(word for _, _, word in words[position : position + length]) in phrases.phrases:
            return length
    return 0
