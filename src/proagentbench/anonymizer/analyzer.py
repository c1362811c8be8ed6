"""The analyzer factory: Presidio's AnalyzerEngine over the recognizers a policy selects, built through the
one registry (`proagentbench.plugins`, kind ``recognizers``; the default set is in `recognizer_set`), with the
NLP engine chosen by `nlp.choose_nlp`. Construction is cached per process.

Built-ins kept: email (offline domain check), phone, credit card (timestamps rejected), IBAN, IP, US SSN,
crypto wallets, URL (file names rejected). Left out for desktop text, where they mostly fire on noise: US
driver licence (short codes), US bank number (phone digit runs), dates, and the other country-specific ids.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from proagentbench import plugins
from proagentbench.anonymizer.identity import Identity
from proagentbench.anonymizer.nlp import NlpChoice, build_nlp_engine, choose_nlp
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.presidio_import import import_presidio_analyzer
from proagentbench.anonymizer.recognizer_set import SPACY_RECOGNIZER
from proagentbench.errors import MissingDependencyError
from proagentbench.plugins import PluginError, Spec

# libphonenumber parses every candidate once per region; national formats of these are what desktop text
# shows most (international `+CC` numbers are found in any region, and by the phone_pattern recognizer).
PHONE_REGIONS = ("US", "GB", "DE", "IN")


@dataclass(frozen=True)
class AnalyzerSpec:
    """Everything that determines an analyzer; hashable so built analyzers can be cached."""

    nlp: NlpChoice
    identity: Identity
    recognizers: tuple[Spec, ...]


def spec_for(policy: Policy, identity: Identity) -> AnalyzerSpec:
    nlp = choose_nlp(policy.spacy_model)
    specs = policy.recognizer_specs()
    if nlp.engine != "spacy":
        specs = tuple(spec for spec in specs if spec.name != SPACY_RECOGNIZER)
    return AnalyzerSpec(nlp, identity, specs)


def build_recognizers(specs: Sequence[Spec], identity: Identity) -> list[Any]:
    """One Presidio recognizer per spec; one that supports no entity (the local identity of a user with
    nothing to deny-list) is left out."""
    from presidio_analyzer import EntityRecognizer

    recognizers = []
    for spec in specs:
        recognizer = plugins.build("recognizers", spec, identity=identity, phone_regions=PHONE_REGIONS)
        if not isinstance(recognizer, EntityRecognizer):
            built = type(recognizer).__name__
            raise PluginError(f"recognizer {spec.name!r} built a {built}, not a Presidio EntityRecognizer")
        if recognizer.supported_entities:
            recognizers.append(recognizer)
    return recognizers


def _engine_class(no_op: bool) -> Any:
    from presidio_analyzer import AnalyzerEngine

    if not no_op:
        return AnalyzerEngine

    class NoContextAnalyzerEngine(AnalyzerEngine):
        """Skips context enhancement, which needs tokens and lemmas the no-op engine does not produce
        (without them it only costs a fifth of the analysis time of a short text)."""

        def _enhance_using_context(  # type: ignore[no-untyped-def]
            self, text, raw_results, nlp_artifacts, recognizers, context=None
        ):
            if context:
                return super()._enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)
            return raw_results

    return NoContextAnalyzerEngine


def require_presidio() -> None:
    import importlib.util

    for module, package in (
        ("presidio_analyzer", "presidio-analyzer"),
        ("presidio_anonymizer", "presidio-anonymizer"),
    ):
        if importlib.util.find_spec(module) is None:
            raise MissingDependencyError(package, "anonymize")


@lru_cache(maxsize=4)
def build_analyzer(spec: AnalyzerSpec) -> Any:
    require_presidio()
    import_presidio_analyzer(needs_ml=spec.nlp.needs_ml, needs_spacy=spec.nlp.engine == "spacy")
    from presidio_analyzer import RecognizerRegistry

    nlp_engine = build_nlp_engine(spec.nlp)
    recognizers = build_recognizers(spec.recognizers, spec.identity)
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["en"])
    engine_class = _engine_class(spec.nlp.engine == "no_op")
    return engine_class(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])


@lru_cache(maxsize=2)
def plain_presidio_analyzer() -> Any:
    """Presidio with its default recognizers and the no-op engine: the reference the benchmark compares with.

    Its email recognizer still needs the public-suffix list; the benchmark runs it with the offline extractor
    patched in (see benchmarks/anonymizer_quality.py)."""
    import_presidio_analyzer(needs_ml=False, needs_spacy=True)
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    nlp_engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
