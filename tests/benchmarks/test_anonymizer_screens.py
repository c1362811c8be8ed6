"""The screen benchmark's scoring helpers (benchmarks/anonymizer_screens.py) that need no browser or OCR."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from anonymizer_screens import _readable, explain_leak, fold  # noqa: E402


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


def test_folding_lets_a_correct_read_of_an_accented_name_match() -> None:
    read = ["sevcikova", "jorgensen"]
    # Without folding the normalisation drops the accented letters ("evkov"), so the read never matches.
    assert not _readable("Ševčíková", False, read, "".join(read))
    assert _readable(fold("Ševčíková"), False, read, "".join(read))
    assert fold("Jørgensen Łukasz Şener Straße") == "Jorgensen Lukasz Sener Strasse"
