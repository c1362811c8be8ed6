"""PERSON entities found by a spaCy pipeline, when the NLP engine is one (`nlp.choose_nlp`)."""

from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from proagentbench.anonymizer.entities import PERSON


def spacy_person() -> SpacyRecognizer:
    return SpacyRecognizer(supported_entities=[PERSON])
