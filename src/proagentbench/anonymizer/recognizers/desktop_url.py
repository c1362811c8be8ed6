"""Presidio's URL recognizer without its desktop false positives: file names such as `main.py`, `README.md` or
`id_rsa.pub` end in a country-code or generic TLD and were taken for URLs, and so were handles' domains."""

import re

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import UrlRecognizer

# A word list reads better than 90 quoted strings.
FILE_EXTENSIONS = frozenset(
    (  # noqa: SIM905
        "py md sh rs pl ps mk cc in so am sc ml pm rb ts js go cs zip mov txt log json yaml yml "
        "toml ini cfg lock h hpp cpp c java kt swift php html css scss vue jsx tsx ipynb csv tsv "
        "sql xml gz tar bz2 xz png jpg jpeg gif svg pdf doc docx xls xlsx ppt pptx conf env bak "
        "tmp out o a lib dll exe bin app dmg deb rpm whl egg mp3 mp4 wav avi mkv "
    ).split()
)
_SCHEME_OR_WWW = re.compile(r"(?i)^(?:[a-z][a-z0-9+.\-]*://|www\d{0,3}\.)")


class DesktopUrlRecognizer(UrlRecognizer):
    # With a scheme, any TLD: Presidio's own list misses .biz, .dev.br and newer ones.
    SCHEME_URL = Pattern(
        "Any-TLD URL", r"(?i)\bhttps?://[a-z0-9.\-]+\.[a-z]{2,24}(?::\d+)?(?:/[^\s()<>\"']*)?", 0.6
    )

    def __init__(self) -> None:
        super().__init__(patterns=[*UrlRecognizer.PATTERNS, self.SCHEME_URL], name="DesktopUrlRecognizer")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        if "." not in text:  # every URL has a dot; skip Presidio's long TLD alternation
            return []
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        # `db.internal` must not yield the URL `db.int`: a domain ends at a word boundary. A domain never
        # starts inside a word either (`id_rsa.pub` is a key file), and after `@` it is a handle's or an
        # address's domain (`@anna.bsky.social`), which the handle and email recognizers judge.
        return [
            r
            for r in results
            if (r.end >= len(text) or not (text[r.end].isalnum() or text[r.end] == "_"))
            and (r.start == 0 or not (text[r.start - 1].isalnum() or text[r.start - 1] in "_@"))
        ]

    def invalidate_result(self, pattern_text: str) -> bool:
        text = pattern_text.strip("\"'")
        if _SCHEME_OR_WWW.match(text):
            return False
        host = text.split("/", 1)[0]
        return host.rsplit(".", 1)[-1].lower() in FILE_EXTENSIONS
