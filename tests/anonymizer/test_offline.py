"""The analyzer is built and used with the network blocked at the socket level: no model download, no
public-suffix list fetch. A fresh analyzer (not the cached one) is built inside the block."""

import socket

import pytest

from proagentbench.anonymizer.analyzer import build_analyzer, spec_for
from proagentbench.anonymizer.identity import Identity
from proagentbench.anonymizer.nlp import NlpChoice, choose_nlp
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.recognizers.offline_email import offline_extractor
from proagentbench.errors import ConfigError


def test_block_really_blocks(no_network: list[object]) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(AssertionError):
        sock.connect(("93.184.216.34", 80))
    assert no_network


def test_analysis_is_offline(no_network: list[object]) -> None:
    offline_extractor.cache_clear()
    spec = spec_for(Policy(spacy_model="none"), Identity(user_names=("offline-test-user",)))
    assert spec.nlp == NlpChoice("no_op")
    analyzer = build_analyzer(spec)
    text = "mail maria@example.co.uk or see https://example.com/x?token=abcdef123456 from offline-test-user"
    found = {r.entity_type for r in analyzer.analyze(text=text, language="en")}
    assert {"EMAIL_ADDRESS", "URL", "SECRET", "USERNAME"} <= found
    assert no_network == []


def test_no_spacy_model_means_no_op_engine() -> None:
    assert choose_nlp("") == NlpChoice("no_op")
    assert choose_nlp("none") == NlpChoice("no_op")


def test_named_spacy_model_that_is_missing_is_an_error_not_a_download(no_network: list[object]) -> None:
    with pytest.raises(ConfigError, match="not installed"):
        choose_nlp("en_core_web_lg")
    assert no_network == []


def test_spacy_pipeline_named_in_config_is_used(tmp_path, no_network: list[object]) -> None:  # type: ignore[no-untyped-def]
    """A real (tiny) spaCy pipeline saved to disk: its PERSON entities reach the analyzer, offline."""
    import spacy

    from proagentbench.anonymizer.context import ScrubSetup, make_scrubber

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": [{"LOWER": "zorblax"}, {"LOWER": "quux"}]}])
    pipeline = tmp_path / "tiny_pipeline"
    nlp.to_disk(pipeline)

    assert choose_nlp(str(pipeline)) == NlpChoice("spacy", str(pipeline))
    policy = Policy(machine_identity=False, spacy_model=str(pipeline))
    scrubber = make_scrubber(ScrubSetup(policy, bytes(32)))
    spans = scrubber.analyze("review by zorblax quux tomorrow")
    assert [(s.entity, s.start, s.end) for s in spans] == [("PERSON", 10, 22)]
    assert no_network == []


def test_missing_presidio_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from proagentbench.anonymizer.analyzer import require_presidio
    from proagentbench.errors import MissingDependencyError

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "presidio_anonymizer" else real_find_spec(name, *a),
    )
    with pytest.raises(MissingDependencyError, match=r"presidio-anonymizer.*proagentbench\[anonymize\]"):
        require_presidio()
