"""Text as Tesseract's English model reads it: lower case, without diacritics (`Ševčíková` -> `sevcikova`).
One folding for everything that compares what a person wrote with what OCR or another source spells plainly:
known values and window-title words against OCR words, place names against GeoNames' spellings."""

import unicodedata

# Letters that NFKD does not split into a base letter and a mark.
_BASE_LETTERS = str.maketrans(
    {"đ": "d", "ł": "l", "ø": "o", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}
)


def fold_accents(text: str) -> str:
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered.translate(_BASE_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
