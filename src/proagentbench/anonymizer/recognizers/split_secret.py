"""Keys that a line wrap or OCR split into pieces: `ghp_8f3KQ2...` then the rest on the next line, or an AWS
secret read as three words. The whole key is reported, so no readable piece is left.

- a known token prefix (`ghp_`, `github_pat_`, `glpat-`, `xoxb-`, `sk-`, `sk_live_`, `AKIA`, `AIza`, `hf_`,
  `npm_`, `pypi-`) with its first piece, then pieces of six or more letters and digits that hold a digit,
  across spaces, a line break or a `\\` continuation: 0.85;
- two or more adjacent pieces of ten or more characters, each with letters and digits, that together look
  random (`high_entropy.looks_random`): 0.7.
"""

import re

from proagentbench.anonymizer.entities import SECRET
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern
from proagentbench.anonymizer.recognizers.high_entropy import looks_random

_PREFIX = (
    r"(?:ghp_|gho_|ghs_|ghu_|github_pat_|glpat-|xox[abposr]-|sk-|sk_live_|sk_test_|rk_live_|AKIA|ASIA|AIza"
    r"|hf_|npm_|pypi-)"
)
_BREAK = r"(?:[ \t]{1,3}|[ \t]*\\?\r?\n[ \t]*)"
_PIECE = r"(?=[A-Za-z_\-]*\d)[A-Za-z0-9_\-/+]{6,}"
_JOIN = re.compile(r"\s|\\")


class SplitSecretRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "prefixed key split",
            r"(?<![A-Za-z0-9_\-])(?P<v>" + _PREFIX + r"[A-Za-z0-9_\-]{4,}(?:" + _BREAK + _PIECE + r")+)",
            0.85,
            SECRET,
        ),
        value_pattern(
            "random pieces",
            r"(?<![A-Za-z0-9+/_\-])(?P<v>[A-Za-z0-9+/_\-]{10,}(?:" + _BREAK + r"[A-Za-z0-9+/_\-]{10,}=*)+)"
            r"(?![A-Za-z0-9+/_\-])",
            0.7,
            SECRET,
        ),
    )

    def validate(self, value: str) -> bool:
        pieces = [p for p in _JOIN.split(value) if p]
        if len(pieces) < 2:
            return False
        if re.match(_PREFIX, value):
            return True
        # each piece mixes letters and digits, so a word and a date (`Screenshot 2026-11-30`) are not a key
        mixed = all(any(c.isdigit() for c in p) and any(c.isalpha() for c in p) for p in pieces)
        return mixed and looks_random("".join(pieces)) and all(len(p) >= 10 for p in pieces)
