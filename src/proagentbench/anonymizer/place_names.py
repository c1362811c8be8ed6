"""Names of places and languages that look like a person's name (`Ostrów Wielkopolski`, `Cần Thơ`,
`Jastrzębie-Zdrój`, `Costa Rica`, `North Ndebele`): the multi-word city names of GeoNames and the multi-word
territory and language names of every CLDR locale (`data/place_names.txt.gz`, built by
scripts/build_place_names.py), compared without diacritics (`fold`).

A lone city, country or language in a title (a weather page, a flight search, a wiki article) is not
personal data here: many people share it. Streets with house numbers are addresses (`postal_address`). A
place name that is also a listed first name followed by a listed last name (`Vicente Guerrero`, a town and
a person) is left to the name lists.
"""

import unicodedata
from functools import cache

from proagentbench.anonymizer.gazetteer import first_names, last_names, word_list
from proagentbench.anonymizer.phrases import Phrases, Token, longest_at, tokens

Span = tuple[int, int]


# Letters that NFKD does not split into a base letter and a mark.
_BASE_LETTERS = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(name: str) -> str:
    """The lower-case name without diacritics, a hyphen read as a space: GeoNames writes `Da Nang` and
    `Jastrzębie Zdrój`, titles `Đà Nẵng` and `Jastrzębie-Zdrój`."""
    name = name.lower().replace("-", " ")
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name.translate(_BASE_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def place_names() -> Phrases:
    return Phrases.of(word_list("place_names.txt.gz"))  # folded when the list was built


@cache
def _first_pairs() -> frozenset[str]:
    return frozenset(" ".join(name.split(" ")[:2]) for name in place_names().phrases)


def may_begin_place(fragment: str) -> bool:
    """Whether two words (`Ostrów Wielkopolski`, `Jastrzębie-Zdrój`) begin a listed place or language name."""
    return " ".join(fold(fragment).split(" ")[:2]) in _first_pairs()


def place_spans(text: str, words: list[Token] | None = None) -> list[Span]:
    """Where `text` names a place or a language of two or more words (or of one hyphenated word);
    `words`: the text's `phrases.tokens`, when the caller has them already."""
    names = place_names()
    words = [(start, end, fold(word)) for start, end, word in (tokens(text) if words is None else words)]
    spans: list[Span] = []
    position = 0
    while position < len(words):
        length = longest_at(text, words, position, names)
        if length == 0:
            position += 1
            continue
        covered = words[position : position + length]
        parts = text[covered[0][0] : covered[-1][1]].lower().replace("-", " ").split(" ")
        if not (len(parts) == 2 and parts[0] in first_names() and parts[1] in last_names()):
            spans.append((covered[0][0], covered[-1][1]))
        position += length
    return spans
