"""The recognizers together, through the analyzer: every built-in is registered and on by default, and the
Presidio built-ins as fixed for desktop text report one merged span with its entity and score."""

from pathlib import Path

import pytest
from presidio_analyzer import EntityRecognizer

from proagentbench import plugins
from proagentbench.anonymizer.recognizer_set import DEFAULT_RECOGNIZERS, SPACY_RECOGNIZER
from proagentbench.anonymizer.text import TextScrubber
from tests.anonymizer.recognizers.table import build


def test_every_builtin_is_on_by_default_in_the_order_the_analyzer_always_ran_them() -> None:
    """Presidio's fixed built-ins first, then ours: pinned, so a registry edit cannot reorder them unseen."""
    assert (
        DEFAULT_RECOGNIZERS
        == tuple(plugins.BUILTINS["recognizers"])
        == (
            "offline_email",
            "gated_phone",
            "desktop_credit_card",
            "gated_iban",
            "gated_ip",
            "gated_ssn",
            "gated_crypto",
            "desktop_url",
            "cloud_keys",
            "api_tokens",
            "jwt",
            "private_key",
            "url_credentials",
            "secret_assignment",
            "high_entropy",
            "split_secret",
            "url_query_token",
            "home_path",
            "shell_prompt",
            "person_gazetteer",
            "person_context",
            "joined_names",
            "handles",
            "org_context",
            "company_names",
            "phone_any_region",
            "postal_address",
            "national_ids",
            "account_ids",
            "phone_pattern",
            "card_number",
            "local_identity",
            "spacy_person",
        )
    )


@pytest.mark.parametrize("name", DEFAULT_RECOGNIZERS)
def test_every_builtin_builds_a_presidio_recognizer_and_has_a_table(name: str) -> None:
    assert isinstance(build(name), EntityRecognizer)
    if name != SPACY_RECOGNIZER:  # needs a spaCy pipeline: test_offline.py runs it with a real one
        assert (Path(__file__).parent / f"test_{name}.py").is_file()


# (text, entity, value, score) of the one span the analyzer reports.
FIXED_BUILTINS = [
    ("write to maria.keller@example.com", "EMAIL_ADDRESS", "maria.keller@example.com", 1.0),
    ("card 4111 1111 1111 1111 expires", "CREDIT_CARD", "4111 1111 1111 1111", 1.0),
    ("IBAN DE89 3704 0044 0532 0130 00", "IBAN_CODE", "DE89 3704 0044 0532 0130 00", 1.0),
    ("ping 10.20.30.40 failed", "IP_ADDRESS", "10.20.30.40", 0.6),
    ("see https://docs.example.org/guide", "URL", "https://docs.example.org/guide", 0.6),
    ("call +1 212-555-0147", "PHONE_NUMBER", "+1 212-555-0147", 0.7),
]
NEGATIVES = [
    "README.md - Visual Studio Code",
    "python main.py --verbose",
    "ts=1700000000123456 request done",
    "ticket AB12345 opened",
    "postgres host db.internal",
]


@pytest.mark.parametrize(("text", "entity", "value", "score"), FIXED_BUILTINS)
def test_builtins_find_structured_pii(
    scrubber: TextScrubber, text: str, entity: str, value: str, score: float
) -> None:
    spans = scrubber.analyze(text)
    assert [(s.entity, text[s.start : s.end], s.score) for s in spans] == [(entity, value, score)]


@pytest.mark.parametrize("text", NEGATIVES)
def test_builtin_desktop_false_positives_are_fixed(scrubber: TextScrubber, text: str) -> None:
    assert scrubber.analyze(text) == []
