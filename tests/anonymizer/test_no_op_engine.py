"""The spaCy-free no-op engine hands recognizers exactly what Presidio's own no-op engine does."""

import json

from proagentbench.anonymizer.presidio_import import import_presidio_analyzer

MODELS = [{"lang_code": "en", "model_name": "none"}]
TEXTS = ["", "Mail from Maria Keller <maria@example.com>", "call +44 20 7946 0958: token=abc"]


def _artifacts_view(artifacts) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    tokens = artifacts.tokens
    return (
        artifacts.entities,
        bool(tokens),
        len(tokens),
        list(tokens),
        artifacts.tokens_indices,
        artifacts.lemmas,
        artifacts.keywords,
        artifacts.scores,
        json.loads(artifacts.to_json()),
    )


def test_artifacts_match_presidios_no_op_engine() -> None:
    import_presidio_analyzer(needs_ml=False, needs_spacy=True)
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    from proagentbench.anonymizer.no_op_engine import SpacyFreeNoOpNlpEngine

    ours, theirs = SpacyFreeNoOpNlpEngine(models=MODELS), NoOpNlpEngine(models=MODELS)
    ours.load()
    theirs.load()
    assert ours.get_supported_languages() == theirs.get_supported_languages() == ["en"]
    for text in TEXTS:
        found = ours.process_text(text, "en")
        assert _artifacts_view(found) == _artifacts_view(theirs.process_text(text, "en"))
    batch = [(text, _artifacts_view(found)) for text, found in ours.process_batch(TEXTS, "en")]
    assert batch == [(text, _artifacts_view(found)) for text, found in theirs.process_batch(TEXTS, "en")]


def test_what_a_plugin_reads_from_the_tokens_is_what_an_empty_doc_gives() -> None:
    import_presidio_analyzer(needs_ml=False, needs_spacy=True)
    from proagentbench.anonymizer.no_op_engine import SpacyFreeNoOpNlpEngine

    engine = SpacyFreeNoOpNlpEngine(models=MODELS)
    engine.load()
    tokens = engine.process_text("Mail from Maria Keller", "en").tokens
    assert tokens.text == "" and list(tokens.ents) == [] and tokens.to_json()["tokens"] == []
