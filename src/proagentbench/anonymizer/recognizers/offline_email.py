"""Presidio's email recognizer with its domain check done by an offline tldextract.

The stock recognizer calls the module-level `tldextract.extract`, which fetches the public-suffix list over
the network the first time; this one uses the snapshot bundled in the tldextract package and no cache dir.
"""

from functools import cache
from typing import Any

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import EmailRecognizer


@cache
def offline_extractor() -> Any:
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class OfflineEmailRecognizer(EmailRecognizer):
    def __init__(self) -> None:
        super().__init__(name="OfflineEmailRecognizer")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: Any = None
    ) -> list[RecognizerResult]:
        if "@" not in text:  # most desktop strings: skip the regex
            return []
        return list(super().analyze(text, entities, nlp_artifacts, regex_flags))

    def validate_result(self, pattern_text: str) -> bool:
        return bool(offline_extractor()(pattern_text).fqdn)
