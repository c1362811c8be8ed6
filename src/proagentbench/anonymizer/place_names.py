"""Names of places and languages that look like a person's name (`Ostrów Wielkopolski`, `Cần Thơ`,
`Jastrzębie-Zdrój`, `Costa Rica`, `North Ndebele`): the multi-word city names of GeoNames and the multi-word
territory and language names of every CLDR locale (`data/place_names.txt.gz`, built by
scripts/build_place_names.py).

A lone city, country or language in a title (a weather page, a flight search, a wiki article) is not
personal data here: many people share it. Streets with house numbers are addresses (`postal_address`). A
place name that is also a listed first name followed by a listed last name (`Vicente Guerrero`, a town and
a person) is left to the name lists.
"""

from functools import cache

from proagentbench.anonymizer.gazetteer import first_names, last_names, word_list
from proagentbench.anonymizer.phrases import Phrases, longest_at, tokens

Span = tuple[int, int]


@cache
def place_names() -> Phrases:
    # `Jastrzębie-Zdrój` and `Jastrzębie Zdrój`: a hyphen reads as a space, in the list and in the text.
    return Phrases.of(name.replace("-", " ") for name in word_list("place_names.txt.gz"))


def place_spans(text: str) -> list[Span]:
    """Where `text` names a place or a language of two or more words (or of one hyphenated word)."""
    names = place_names()
    words = [(start, end, word.replace("-", " ")) for start, end, word in tokens(text)]
    spans: list[Span] = []
    position = 0
    while position < len(words):
        length = longest_at(text, words, position, names)
        if length == 0:
            position += 1
            continue
        covered = words[position : position + length]
        parts = " ".join(word for _, _, word in covered).split(" ")
        if not (len(parts) == 2 and parts[0] in first_names() and parts[1] in last_names()):
            spans.append((covered[0][0], covered[-1][1]))
        position += length
    return spans
