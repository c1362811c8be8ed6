"""The `allowlist` image mode fails closed: real Tesseract reads rendered screens, every word not known to be
safe is redacted (names, IDs and tokens no recognizer knows), common words stay readable; and a secret or
number that OCR splits into several words is redacted whole, in `pii` mode as well."""

import dataclasses
from pathlib import Path

import pytest

from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
from proagentbench.anonymizer.image.analysis import boxes_to_redact, group_lines
from proagentbench.anonymizer.image.frame import FrameTask, new_ocr_state, redact_frame
from proagentbench.anonymizer.image.fuzzy import KnownValues, normalise
from proagentbench.anonymizer.image.loading import load_image
from proagentbench.anonymizer.image.ocr import Word, ocr_words
from proagentbench.anonymizer.image.vocabulary import is_safe_word
from proagentbench.anonymizer.text import TextScrubber
from tests.anonymizer.conftest import TEST_IDENTITY, TEST_KEY
from tests.anonymizer.rawstore import render_screen

# Nothing here is a pattern any recognizer knows: a made-up surname, a project code, an order reference.
UNKNOWN_LINE = "Reviewed by Zbigniewska for project Quorvex ref QX7T9KPL2M"
COMMON_LINE = "Please check the quarterly report before the meeting"
# The text analyzer flags the first piece of this split key only (the second looks like a path).
SECRET_PIECES = ("wJalrXUtnFEMI/K7MDENG", "/bPxRfiCYEXAMPLEKEY")


def _ocr_text(path: Path) -> str:
    return normalise(" ".join(w.text for w in ocr_words(load_image(path, max_pixels=10**8))))


def _redacted(scrubber: TextScrubber, mode: str, source: Path, target: Path) -> str:
    policy = dataclasses.replace(scrubber.policy, image_mode=mode)
    moded = make_scrubber(ScrubSetup(policy, TEST_KEY, TEST_IDENTITY))
    redact_frame(FrameTask(1, source, target), moded, KnownValues(()), new_ocr_state(policy))
    return _ocr_text(target)


@pytest.mark.parametrize(
    ("word", "safe"),
    [
        ("The", True),
        ("quarterly", True),
        ("Inbox", True),
        ("getUserName", True),
        ("main.py", True),
        ("~/projects/shop", True),
        ("12:30", True),
        ("(3)", True),
        ("2024", True),
        ("4242", False),  # a card's last four ("•••• 4242": OCR reads no bullets)
        ("(8692)", False),
        ("123", True),
        ("1080p", True),
        ("—", True),
        ("Maria", False),
        ("Keller", False),
        ("MariaKeller", False),
        ("maria.keller@example.com", False),
        ("info@example.com", False),
        ("415-555-0132", False),
        ("123456", False),
        ("cus_N2kd93J", False),
        ("Zbigniewska", False),
        # A name that is also a word is safe in lower case only; months stay safe capitalised.
        ("walker", True),
        ("Walker", False),
        ("Parker-Long", False),
        ("April", True),
        ("Edit", True),
        # Letters then two or more digits is a user name; a short prefix or one digit is a format or version.
        ("amber99", False),
        ("sep15", False),
        ("python3", True),
        ("sha256", True),
    ],
)
def test_safe_words_are_common_words_chrome_keywords_and_plain_numbers(word: str, safe: bool) -> None:
    assert is_safe_word(word) is safe


def test_allowlist_redacts_what_no_recognizer_knows_and_keeps_common_words(
    scrubber: TextScrubber, tmp_path: Path
) -> None:
    source = render_screen([UNKNOWN_LINE, COMMON_LINE], tmp_path / "s.png", size=(1000, 120))
    before = _ocr_text(source)
    assert "zbigniewska" in before and "quorvex" in before and "qx7t9kpl2m" in before
    after = _redacted(scrubber, "allowlist", source, tmp_path / "allow.png")
    assert [v for v in ("zbigniewska", "quorvex", "qx7t9kpl2m") if v in after] == []
    for word in ("reviewed", "project", "please", "quarterly", "report", "meeting"):
        assert word in after, f"{word!r} is a common word and stays readable"


def test_pii_mode_misses_the_unknown_values_that_allowlist_catches(
    scrubber: TextScrubber, tmp_path: Path
) -> None:
    """Why the mode exists: pattern and list recognizers pass over a name and a code they do not know."""
    source = render_screen([UNKNOWN_LINE], tmp_path / "s.png", size=(1000, 70))
    after = _redacted(scrubber, "pii", source, tmp_path / "pii.png")
    assert "quorvex" in after


def _pieces(value: str, size: int = 10) -> list[str]:
    return [value[i : i + size] for i in range(len(value) - size + 1)]


@pytest.mark.parametrize("mode", ["pii", "allowlist"])
def test_a_secret_split_by_ocr_is_redacted_whole(scrubber: TextScrubber, tmp_path: Path, mode: str) -> None:
    """The token is drawn with a gap in it (a line break or a rendering split): OCR reads two words, and no
    10-character piece of the secret may stay readable."""
    line = f"AWS_SECRET_ACCESS_KEY={SECRET_PIECES[0]}  {SECRET_PIECES[1]} done"
    source = render_screen([line, COMMON_LINE], tmp_path / "s.png", size=(1100, 120), mono=True)
    secret = normalise("".join(SECRET_PIECES))
    before = _ocr_text(source)
    assert any(piece in before for piece in _pieces(secret))
    after = _redacted(scrubber, mode, source, tmp_path / f"{mode}.png")
    assert [piece for piece in _pieces(secret) if piece in after] == []
    assert "quarterly" in after


def test_a_flagged_word_takes_its_unsafe_neighbours_and_digit_groups_go_together(
    scrubber: TextScrubber,
) -> None:
    texts = ["key", f"AWS_SECRET_ACCESS_KEY={SECRET_PIECES[0]}", SECRET_PIECES[1], "ok", "card"]
    texts += ["4111", "1111", "1111", "1111", "today"]
    line = [Word(text, i * 200, 0, 180, 20, 95.0, (0,)) for i, text in enumerate(texts)]
    flagged = {(box.left // 200) for box in boxes_to_redact(line, scrubber, KnownValues(()), mode="pii")}
    assert {1, 2} <= flagged and 3 not in flagged and 0 not in flagged
    assert {5, 6, 7, 8} <= flagged and 9 not in flagged


def test_allowlist_takes_the_capitalised_common_words_beside_an_unknown_one(scrubber: TextScrubber) -> None:
    texts = ["Ship", "to", "1003", "Zbigniewska", "Highway", "Tower", "today", "From:", "Quorvex"]
    line = [Word(text, i * 200, 0, 180, 20, 95.0, (0,)) for i, text in enumerate(texts)]
    boxes = boxes_to_redact(line, scrubber, KnownValues(()), mode="allowlist")
    flagged = {box.left // 200 for box in boxes}
    assert {2, 3, 4, 5, 8} <= flagged and not {0, 1, 6, 7} & flagged


def test_allowlist_spreads_over_house_and_floor_numbers(scrubber: TextScrubber) -> None:
    """Between the parts of an address stand numbers, and after them more common words ("Piano" is an Italian
    floor): the spread goes through the numbers, not through a time."""
    texts = ["my", "address", "is", "Stretto", "Zbigniewska,", "80", "Piano", "2", "at", "12:30", "Friday"]
    line = [Word(text, i * 200, 0, 180, 20, 95.0, (0,)) for i, text in enumerate(texts)]
    flagged = {box.left // 200 for box in boxes_to_redact(line, scrubber, KnownValues(()), mode="allowlist")}
    assert flagged == {3, 4, 5, 6, 7}


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["is", "Conjunto", "de", "Zbigniewska,", "25"], {1, 2, 3, 4}),  # a particle between two capitals
        (["pl.", "Zbigniewska", "41/82", "today"], {0, 1, 2}),  # a street type and a flat number
        (["the", "de", "Zbigniewska", "report"], {2}),  # a particle before a lower-case word stays
        (["Zbigniewska", "de", "la", "Menard", "today"], {0, 1, 2, 3}),  # a run of particles
        (["call", "me", "at", "(00482)", "6&686"], {3, 4}),  # a phone number OCR misread one digit of
        (["met", "(Clam", "Zbigniewska)", "today"], {1, 2}),  # a capital behind a bracket
        (["from", "Zbigniewska", "and", "Sons", "today"], {1, 2, 3}),  # a company's connector
        (["no.", "12345", "6", "today"], {1, 2}),  # the group beside an unsafe number goes with it
        (["Page", "12", "of", "40"], set()),  # numbers beside safe numbers stay
        (["from", "10:30", "11:00", "12:15", "today"], set()),  # times are no phone number
        (["is", "12,", "boulevard", "de", "Zbigniewska", "today"], {1, 2, 3, 4}),  # a street type
    ],
)
def test_allowlist_spreads_over_particles_street_types_and_misread_numbers(
    scrubber: TextScrubber, texts: list[str], expected: set[int]
) -> None:
    line = [Word(text, i * 200, 0, 180, 20, 95.0, (0,)) for i, text in enumerate(texts)]
    flagged = {box.left // 200 for box in boxes_to_redact(line, scrubber, KnownValues(()), mode="allowlist")}
    assert flagged == expected


def _piece(text: str, left: int, key: int, top: int = 0, height: int = 24) -> Word:
    return Word(text, left, top, 20 * len(text), height, 95.0, (0, key, 1, 1))


def test_pieces_of_one_visual_line_are_joined_and_a_title_goes_with_its_name(scrubber: TextScrubber) -> None:
    """Tesseract's sparse mode cuts `Author: Dott. Zbigniewska` into three lines; joined again, the title
    beside the unknown name is redacted with it, and the label is not."""
    pieces = [_piece("Author:", 0, 1), _piece("Dott.", 170, 2, top=2, height=22)]
    pieces.append(_piece("Zbigniewska", 300, 3))
    far_column = _piece("Settings", 300 + 220 + 24 * 3, 4)  # three line heights away: another column
    below = _piece("Quarterly", 170, 5, top=40)
    lines = group_lines([*pieces, far_column, below])
    assert sorted([w.text for w in line] for line in lines) == [
        ["Author:", "Dott.", "Zbigniewska"],
        ["Quarterly"],
        ["Settings"],
    ]
    flagged = {box.left for box in boxes_to_redact(pieces, scrubber, KnownValues(()), mode="allowlist")}
    assert flagged == {170, 300}
