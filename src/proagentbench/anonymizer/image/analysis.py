"""Which OCR words to redact: PII found by the text analyzer in each recognised line and known values from the
session's titles and typed text (cross-modal) in `pii` mode; those and every word not known to be safe in
`allowlist` mode; every word in `all-text` mode.

A flagged word takes its unsafe neighbours on the line with it: OCR splits a long secret or identifier into
several words, and the analyzer, which sees the pieces apart, may flag only one of them.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from proagentbench.anonymizer.image.fuzzy import KnownValues, normalise
from proagentbench.anonymizer.image.ocr import Word
from proagentbench.anonymizer.image.vocabulary import is_safe_word
from proagentbench.anonymizer.text import TextScrubber

_RUNS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int
    entity: str

    def padded(self, pad: int, width: int, height: int) -> "Box":
        return Box(
            max(0, self.left - pad),
            max(0, self.top - pad),
            min(width, self.right + pad),
            min(height, self.bottom + pad),
            self.entity,
        )


# A wider gap (in line heights) between two pieces of text on one baseline is a new column; a monospaced
# space at 3x is 1.4.
MAX_WORD_GAP = 2.0
MIN_LINE_OVERLAP = 0.5  # of the shorter piece's height: how much two pieces must overlap to share a line


def group_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Visual lines of text, left to right. Tesseract's sparse-text mode often cuts one line into pieces
    ("Author:" | "Dott." | "Cristina Totino"): pieces on one baseline with no more than a word gap between
    them are joined again, so the analyzer sees a name with its title and an address with its numbers."""
    pieces: dict[tuple[int, ...], list[Word]] = {}
    for word in words:
        pieces.setdefault(word.line, []).append(word)
    lines: list[list[Word]] = []
    for piece in sorted((sorted(p, key=lambda w: w.left) for p in pieces.values()), key=lambda p: p[0].left):
        for line in lines:
            if _continues(line[-1], piece[0]):
                line.extend(piece)
                break
        else:
            lines.append(piece)
    return lines


def _continues(last: Word, first: Word) -> bool:
    height = max(last.height, first.height)
    overlap = min(last.bottom, first.bottom) - max(last.top, first.top)
    gap = first.left - last.right
    return (
        overlap >= MIN_LINE_OVERLAP * min(last.height, first.height)
        and -0.5 * height <= gap <= MAX_WORD_GAP * height
    )


def _word_box(word: Word, entity: str) -> Box:
    return Box(word.left, word.top, word.right, word.bottom, entity)


MIN_TITLE_WORD_CHARS = 3


def title_words(values: Sequence[str]) -> frozenset[str]:
    """The letter-and-digit runs of the values found in a window title, lower-cased, accents folded."""
    return frozenset(
        folded for value in values for folded in _folded_runs(value) if len(folded) >= MIN_TITLE_WORD_CHARS
    )


def _folded_runs(text: str) -> list[str]:
    """Letter-and-digit runs, lower-cased and accents folded as OCR reads them (`Kovářová` -> `kovarova`)."""
    return [normalise(run) for run in _RUNS.findall(text)]


def boxes_to_redact(
    words: Sequence[Word],
    scrubber: TextScrubber,
    known: KnownValues,
    *,
    mode: str,
    min_conf: float = 0.0,
    title_words: frozenset[str] = frozenset(),
) -> list[Box]:
    if mode == "all-text":
        return [_word_box(w, "TEXT") for w in words if w.conf >= min_conf or w.conf < 0]
    boxes: list[Box] = []
    for line in group_lines(words):
        text, offsets = _line_text(line)
        flagged: dict[int, str] = {}
        for span in scrubber.scrub(text).spans:
            for index, (start, end) in enumerate(offsets):
                if start < span.end and span.start < end:
                    flagged[index] = span.entity
        if known:
            for index in known.matching_words(line):
                flagged.setdefault(index, "KNOWN_VALUE")
        if title_words:
            for index, word in enumerate(line):
                if any(run in title_words for run in _folded_runs(word.text)):
                    flagged.setdefault(index, "WINDOW_TITLE")
        unsafe = [not is_safe_word(word.text) for word in line]
        for start, end in _digit_runs(line):
            for index in range(start, end):
                unsafe[index] = True
        if mode == "allowlist":
            _spread_to_capitalised(line, unsafe)
        _grow_over_unsafe(flagged, unsafe)
        if mode == "allowlist":
            for index, word in enumerate(line):
                if unsafe[index] and (word.conf >= min_conf or word.conf < 0):
                    flagged.setdefault(index, "NOT_ALLOWLISTED")
        boxes.extend(_word_box(line[i], entity) for i, entity in flagged.items())
    return boxes


def _grow_over_unsafe(flagged: dict[int, str], unsafe: list[bool]) -> None:
    for index, entity in sorted(flagged.items()):
        for step in (-1, 1):
            neighbour = index + step
            while 0 <= neighbour < len(unsafe) and unsafe[neighbour] and neighbour not in flagged:
                flagged[neighbour] = entity
                neighbour += step


def _spread_to_capitalised(line: Sequence[Word], unsafe: list[bool]) -> None:
    """An unknown word makes its capitalised neighbours unsafe too: the other parts of a name, a street or
    a company are often common words ("Edwards Highway", "Stretto Ligorio", "Dott. Cristina"), and so are
    the house and floor numbers between them ("1003 Edwards Highway", "Ligorio, 80 Piano 2"), the
    particles inside them ("Conjunto de Santos") and street types in lower case ("boulevard de Marty"). A
    label with a colon stops it."""
    _spread_over_digit_groups(line, unsafe)
    spreading = [i for i, flag in enumerate(unsafe) if flag and any(c.isalpha() for c in line[i].text)]
    for index in spreading:
        for step in (-1, 1):
            neighbour = index + step
            while 0 <= neighbour < len(line) and not unsafe[neighbour]:
                if _joins_a_name(line[neighbour].text):
                    unsafe[neighbour] = True
                    neighbour += step
                    continue
                after = _after_particles(line, neighbour, step)
                if after is None:
                    break
                for particle in range(neighbour, after, step):
                    unsafe[particle] = True
                neighbour = after


MIN_NUMBER_DIGITS = 3  # an unsafe word with this many digits is a number whose other groups go with it


def _spread_over_digit_groups(line: Sequence[Word], unsafe: list[bool]) -> None:
    """The groups beside an unsafe number are part of it: a phone's last group read as a word of its own
    (`06-4/135` `0511`), a card's or an account's next group."""
    numbers = [i for i, flag in enumerate(unsafe) if flag and _digits(line[i].text) >= MIN_NUMBER_DIGITS]
    for index in numbers:
        for step in (-1, 1):
            neighbour = index + step
            while 0 <= neighbour < len(line) and not unsafe[neighbour] and _digit_group(line[neighbour].text):
                unsafe[neighbour] = True
                neighbour += step


def _after_particles(line: Sequence[Word], start: int, step: int) -> int | None:
    """Where a run of name particles from ``start`` ends, if a word that joins a name follows it ("de la
    Menard"); None if ``start`` is no particle or the run leads nowhere ("de the")."""
    end = start
    while 0 <= end < len(line) and line[end].text in NAME_PARTICLES:
        end += step
    if end == start or not 0 <= end < len(line):
        return None
    text = line[end].text
    return end if _joins_a_name(text) and not _HOUSE_NUMBER.fullmatch(text) else None


# Lower-case words inside names, place and company names ("Ruben van de Brink", "Conjunto de Santos", "Shaw
# and Sons").
_PARTICLES = (
    "de da do dos das del della di du van von der den ter la le y e zu and & und et og och ve és și si en"
)
NAME_PARTICLES = frozenset(_PARTICLES.split())
# Street types of the supported languages, written in lower case inside an address ("12, rue de la Paix").
_STREET_TYPES = (
    "street st road rd avenue ave boulevard blvd bd lane ln drive way court place square highway hwy "
    "rue chemin allée allee impasse quai route cours calle avenida avda paseo plaza camino carrera ronda "
    "travesía pasaje via viale piazza piazzale corso vicolo largo strada stretto borgo rua travessa praça "
    "alameda estrada straße strasse str weg gasse platz ring damm ufer straat laan plein gracht singel kade "
    "ulica ul al aleja plac pl os osiedle"
)
STREET_WORDS = frozenset(_STREET_TYPES.split())
_HOUSE_NUMBER = re.compile(r"\d{1,5}[A-Za-z]?(?:[/-]\d{1,5}[A-Za-z]?)?[,.]?")  # 9, 12a, 41/82, 80,


def _joins_a_name(text: str) -> bool:
    return (
        bool(_HOUSE_NUMBER.fullmatch(text)) or _capitalised(text) or text.rstrip(".,").lower() in STREET_WORDS
    )


def _capitalised(text: str) -> bool:
    """Starts with a capital, also behind an opening bracket or quote ("(Clara" as OCR read "(Clara)")."""
    return text.lstrip("([{<\"'‘“«")[:1].isupper() and not text.endswith(":")


MIN_RUN_DIGITS = 7  # a card, phone or account number that OCR read as several groups ("4111 1111 ...")


def _digit_runs(line: Sequence[Word]) -> list[tuple[int, int]]:
    """Runs of consecutive digit-group words that together hold at least MIN_RUN_DIGITS digits."""
    runs = []
    start = 0
    while start < len(line):
        end = start
        while end < len(line) and _digit_group(line[end].text):
            end += 1
        if end > start + 1 and sum(_digits(w.text) for w in line[start:end]) >= MIN_RUN_DIGITS:
            runs.append((start, end))
        start = end + 1
    return runs


def _digit_group(text: str) -> bool:
    """Digits with dots or dashes ("(0048)", "2779-5895"), also with one character OCR misread among three
    digits or more ("6&686" for "69686"); not a time ("12:30")."""
    stripped = text.strip("()+-.,")
    if not stripped or ":" in stripped:
        return False
    digits = sum(char.isdigit() for char in stripped)
    misread = sum(not (char.isdigit() or char in "-.") for char in stripped)
    return digits > 0 and (misread == 0 or (misread == 1 and digits >= 3))


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _line_text(line: Sequence[Word]) -> tuple[str, list[tuple[int, int]]]:
    offsets = []
    position = 0
    for word in line:
        offsets.append((position, position + len(word.text)))
        position += len(word.text) + 1
    return " ".join(word.text for word in line), offsets
