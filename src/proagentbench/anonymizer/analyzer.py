"""The analyzer factory: Presidio's AnalyzerEngine with a curated set of built-ins, our desktop recognizers,
the local identity, and the NLP engine chosen by `nlp.choose_nlp`. Construction is cached per process.

Built-ins kept: email (offline domain check), phone, credit card (timestamps rejected), IBAN, IP, US SSN,
crypto wallets, URL (file names rejected). Left out for desktop text, where they mostly fire on noise: US
driver licence (short codes), US bank number (phone digit runs), dates, and the other country-specific ids.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from proagentbench.anonymizer.entities import PERSON
from proagentbench.anonymizer.identity import Identity
from proagentbench.anonymizer.nlp import NlpChoice, build_nlp_engine, choose_nlp
from proagentbench.errors import MissingDependencyError

# libphonenumber parses every candidate once per region; national formats of these are what desktop text
# shows most (international `+CC` numbers are found in any region, and by PhonePatternRecognizer).
PHONE_REGIONS = ("US", "GB", "DE", "IN")


@dataclass(frozen=True)
class AnalyzerSpec:
    """Everything that determines an analyzer; hashable so built analyzers can be cached."""

    nlp: NlpChoice
    identity: Identity
    with_desktop_recognizers: bool = True


def desktop_recognizers(identity: Identity) -> list[Any]:
    from proagentbench.anonymizer.recognizers.api_tokens import ApiTokenRecognizer
    from proagentbench.anonymizer.recognizers.card_number import CardNumberRecognizer
    from proagentbench.anonymizer.recognizers.cloud_keys import CloudKeyRecognizer
    from proagentbench.anonymizer.recognizers.high_entropy import HighEntropyRecognizer
    from proagentbench.anonymizer.recognizers.home_path import HomePathRecognizer
    from proagentbench.anonymizer.recognizers.jwt import JwtRecognizer
    from proagentbench.anonymizer.recognizers.local_identity import LocalIdentityRecognizer
    from proagentbench.anonymizer.recognizers.person_gazetteer import PersonGazetteerRecognizer
    from proagentbench.anonymizer.recognizers.phone_pattern import PhonePatternRecognizer
    from proagentbench.anonymizer.recognizers.private_key import PrivateKeyRecognizer
    from proagentbench.anonymizer.recognizers.secret_assignment import SecretAssignmentRecognizer
    from proagentbench.anonymizer.recognizers.shell_prompt import ShellPromptRecognizer
    from proagentbench.anonymizer.recognizers.url_credentials import UrlCredentialRecognizer
    from proagentbench.anonymizer.recognizers.url_query_token import UrlQueryTokenRecognizer

    recognizers: list[Any] = [
        CloudKeyRecognizer(),
        ApiTokenRecognizer(),
        JwtRecognizer(),
        PrivateKeyRecognizer(),
        UrlCredentialRecognizer(),
        SecretAssignmentRecognizer(),
        HighEntropyRecognizer(),
        UrlQueryTokenRecognizer(),
        HomePathRecognizer(),
        ShellPromptRecognizer(),
        PersonGazetteerRecognizer(),
        PhonePatternRecognizer(),
        CardNumberRecognizer(),
    ]
    local = LocalIdentityRecognizer(identity)
    if local.patterns:
        recognizers.append(local)
    return recognizers


def builtin_recognizers() -> list[Any]:
    from proagentbench.anonymizer.recognizers.desktop_credit_card import DesktopCreditCardRecognizer
    from proagentbench.anonymizer.recognizers.desktop_url import DesktopUrlRecognizer
    from proagentbench.anonymizer.recognizers.gated_builtins import (
        GatedCryptoRecognizer,
        GatedIbanRecognizer,
        GatedIpRecognizer,
        GatedPhoneRecognizer,
        GatedSsnRecognizer,
    )
    from proagentbench.anonymizer.recognizers.offline_email import OfflineEmailRecognizer

    return [
        OfflineEmailRecognizer(),
        GatedPhoneRecognizer(supported_regions=PHONE_REGIONS),
        DesktopCreditCardRecognizer(),
        GatedIbanRecognizer(),
        GatedIpRecognizer(),
        GatedSsnRecognizer(),
        GatedCryptoRecognizer(),
        DesktopUrlRecognizer(),
    ]


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
    from presidio_analyzer import RecognizerRegistry

    nlp_engine = build_nlp_engine(spec.nlp)
    recognizers = builtin_recognizers()
    if spec.with_desktop_recognizers:
        recognizers += desktop_recognizers(spec.identity)
    if spec.nlp.engine == "spacy":
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer

        recognizers.append(SpacyRecognizer(supported_entities=[PERSON]))
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["en"])
    engine_class = _engine_class(spec.nlp.engine == "no_op")
    return engine_class(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])


def spec_for(spacy_model: str, identity: Identity) -> AnalyzerSpec:
    return AnalyzerSpec(nlp=choose_nlp(spacy_model), identity=identity)


@lru_cache(maxsize=2)
def plain_presidio_analyzer() -> Any:
    """Presidio with its default recognizers and the no-op engine: the reference the benchmark compares with.

    Its email recognizer still needs the public-suffix list; the benchmark runs it with the offline extractor
    patched in (see benchmarks/anonymizer_quality.py)."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    nlp_engine = build_nlp_engine(NlpChoice("no_op"))
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
