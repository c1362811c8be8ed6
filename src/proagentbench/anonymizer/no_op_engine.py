"""Presidio's no-op NLP engine without its one use of spaCy.

Presidio's `NoOpNlpEngine` builds a spaCy `Vocab` and hands every text an empty spaCy `Doc` as its tokens;
importing spaCy for that costs 0.65 s of start-up. Here the tokens are an empty tuple: no recognizer and no
context enhancer can tell the difference (both are empty, falsy and iterate to nothing), and spaCy stays
unimported (see `presidio_import`). Import this module only after `import_presidio_analyzer`.
"""

from typing import Any

from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine

NO_TOKENS: Any = ()  # stands where Presidio annotates a spaCy Doc


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
