"""Names of places and languages that look like a person's name (`Ostrów Wielkopolski`, `Cần Thơ`,
`Jastrzębie-Zdrój`, `Costa Rica`, `North Ndebele`): the multi-word city names of GeoNames and the multi-word
territory and language names of every CLDR locale (`data/place_names.txt.gz`, built by
scripts/build_place_names.py), compared without diacritics (`fold`).

A lone city, country or language in a title (a weather page, a flight search, a wiki article) is not
personal data here: many people share it. Streets with house numbers are addresses (`postal_address`).
Many places are named like people (`Hoàng Mai`, `Casa Grande`, `Bento Gonçalves`), so a listed place is
left to the name lists when it is also a listed first name followed by a listed last name, when a
capitalised word stands right next to it (`Phương Hoàng Mai`, `Noah Casa Grande`: a longer name), and
when the words before it address a person or are a title (`Meeting with Hoàng Mai`, `Quý ông Hoàng Mai`,
`Dr. Casa Grande`).
"""

import re
from functools import cache

from proagentbench.anonymizer.folding import fold_accents
from proagentbench.anonymizer.gazetteer import addressed_at, first_names, last_names, word_list
from proagentbench.anonymizer.phrases import Phrases, Token, longest_at, tokens

Span = tuple[int, int]
# Titles before a name: English, Vietnamese, German, Spanish, Portuguese, Polish, Turkish, Greek, Romanian.
_TITLE = re.compile(
    r"(?i)(?:\b(?:mr|mrs|ms|miss|dr|prof|sir|madam|ông|bà|anh|chị|cô|herr|frau|sr|sra|srta|don|doña|dona|pan|"
    r"pani|bay|bayan|κ|κα|dl|dna)\.?)\s+$"
)


def fold(name: str) -> str:
    """The lower-case name without diacritics, a hyphen read as a space: GeoNames writes `Da Nang` and
    `Jastrzębie Zdrój`, titles `Đà Nẵng` and `Jastrzębie-Zdrój`."""
    return fold_accents(name.replace("-", " "))


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
        start, end = words[position][0], words[position + length - 1][1]
        before = words[position - 1] if position else None
        after = words[position + length] if position + length < len(words) else None
        if not (
            _listed_person(text[start:end])
            or (before is not None and text[before[1] : start] == " " and _capitalised(text, before))
            or (after is not None and text[end : after[0]] == " " and _capitalised(text, after))
            or addressed_at(text, start)
            or _TITLE.search(text[max(0, start - 8) : start])
        ):
            spans.append((start, end))
        position += length
    return spans


def _listed_person(name: str) -> bool:
    parts = name.lower().replace("-", " ").split(" ")
    return len(parts) == 2 and parts[0] in first_names() and parts[1] in last_names()


def _capitalised(text: str, word: Token) -> bool:
    first = text[word[0]]
    return first.isupper() or not first.islower()
