"""Presidio's no-op NLP engine without its one use of spaCy.

Presidio's `NoOpNlpEngine` builds a spaCy `Vocab` and hands every text an empty spaCy `Doc` as its tokens;
importing spaCy for that costs 0.65 s of start-up. Here the tokens are `NO_TOKENS`, an empty tuple: to
Presidio's recognizers and context enhancer, which only test, count and iterate the tokens, it is the same
thing, and spaCy stays unimported (see `presidio_import`). Import this module only after
`import_presidio_analyzer`.
"""

from functools import cache
from typing import Any

from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine


class NoTokens(tuple[Any, ...]):
    """Empty like the empty spaCy `Doc` it stands for; any other attribute (a plugin reading `.text` or
    `.ents`) is read from a real empty `Doc`, made (and spaCy imported) only then."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_empty_doc(), name)


@cache
def _empty_doc() -> Any:
    from proagentbench.anonymizer.presidio_import import import_presidio_analyzer

    import_presidio_analyzer(needs_ml=False, needs_spacy=True)
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=[])


NO_TOKENS: Any = NoTokens()  # Presidio annotates the tokens as a spaCy Doc


class SpacyFreeNoOpNlpEngine(NoOpNlpEngine):
    def __init__(self, models: list[dict[str, str]]) -> None:
        # NoOpNlpEngine.__init__ without `self._vocab = Vocab()`.
        self.models = self._validate_models(models)
        self.nlp = None

    def _create_empty_nlp_artifacts(self, language: str) -> NlpArtifacts:
        return NlpArtifacts(
            entities=[],
            tokens=NO_TOKENS,
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self,
            language=language,
            scores=[],
        )
