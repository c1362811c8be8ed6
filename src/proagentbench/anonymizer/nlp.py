"""The NLP engine: a no-op engine offline (Presidio's, without spaCy), or a spaCy pipeline when one is
installed or configured.

Presidio's SpacyNlpEngine downloads a model that is not installed, so a pipeline is only used after checking
that it is present; nothing here ever touches the network.
"""

import importlib.metadata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proagentbench.errors import ConfigError

# Preferred first: a larger installed English pipeline finds more names.
AUTO_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
NO_SPACY = "none"


@dataclass(frozen=True)
class NlpChoice:
    engine: str  # "no_op" or "spacy"
    model: str = ""

    @property
    def needs_ml(self) -> bool:
        """spaCy's transformer pipelines run on torch; the no-op and statistical engines need no ML stack."""
        return self.engine == "spacy" and ("_trf" in self.model or "/" in self.model)


def spacy_model_available(name: str) -> bool:
    """An installed pipeline package or a pipeline folder; checked from package metadata, as
    `spacy.util.is_package` does, without importing spaCy (and the torch it imports when installed)."""
    try:
        importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return Path(name).expanduser().is_dir()
    return True


def choose_nlp(spacy_model: str) -> NlpChoice:
    if spacy_model == NO_SPACY:
        return NlpChoice("no_op")
    if spacy_model:
        if not spacy_model_available(spacy_model):
            raise ConfigError(
                f"spaCy pipeline {spacy_model!r} is not installed (nothing is downloaded); install it or set "
                f'spacy_model = "{NO_SPACY}"'
            )
        return NlpChoice("spacy", str(Path(spacy_model).expanduser()) if "/" in spacy_model else spacy_model)
    for candidate in AUTO_MODELS:
        if spacy_model_available(candidate):
            return NlpChoice("spacy", candidate)
    return NlpChoice("no_op")


def build_nlp_engine(choice: NlpChoice) -> Any:
    engine: Any
    if choice.engine == "spacy":
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": choice.model}])
    else:
        from proagentbench.anonymizer.no_op_engine import SpacyFreeNoOpNlpEngine

        engine = SpacyFreeNoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    engine.load()
    return engine
