"""The screen benchmark's scoring helpers (benchmarks/anonymizer_screens.py) that need no browser or OCR."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import anonymizer_screens  # noqa: E402
from anonymizer_screens import _readable, explain_leak  # noqa: E402


def test_explain_leak_names_the_read_words_behind_each_piece() -> None:
    # A name read inside a longer word, a name read across two words, a secret's 10-character pieces.
    assert (
        explain_leak("Balogh Ferenc", False, ["the", "difference"])
        == "'Balogh Ferenc' read as ferenc in ['difference']"
    )
    assert (
        explain_leak("Lars Stark", False, ["dol", "la", "rsx"])
        == "'Lars Stark' read as lars in ['la', 'rsx']"
    )
    assert explain_leak("ab_cdefghijkl", True, ["xabcdefghij", "kl", "zz"]) == (
        "'ab_cdefghijkl' read as abcdefghij in ['xabcdefghij']; bcdefghijk in ['xabcdefghij', 'kl']; "
        "cdefghijkl in ['xabcdefghij', 'kl']"
    )


def test_a_correct_read_of_an_accented_name_matches() -> None:
    read = ["sevcikova", "jorgensen"]
    # The normalisation folds accents as the OCR reads them (it used to drop them: "evkov" never matched).
    assert _readable("Ševčíková", False, read, "".join(read))
    assert _readable("Jørgensen", False, read, "".join(read))


def test_word_aligned_reading_ignores_a_run_inside_longer_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(anonymizer_screens.WORD_ALIGNED, "on", True)
    inside = ["the", "difference"]
    across = ["popular", "six"]
    assert not _readable("Balogh Ferenc", False, inside, "".join(inside))
    assert not _readable("Lars Stark", False, across, "".join(across))
    split = ["kel", "ler", "(maria"]  # OCR's pieces of one word, and a bracket's junk
    assert _readable("Keller", False, split, "".join(split))
    assert _readable("Maria", False, split, "".join(split))
    monkeypatch.setitem(anonymizer_screens.WORD_ALIGNED, "on", False)
    assert _readable("Balogh Ferenc", False, inside, "".join(inside))
