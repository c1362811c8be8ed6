"""Importing Presidio's analyzer without the stacks it does not need here.

`presidio_analyzer` imports its Hugging Face NLP engine eagerly, and with it `transformers` and `torch` when
they are installed (the embeddings extra installs them): about 8 of the 9 seconds the import takes on 2 cores,
paid by every `proagent scrub` call and every OCR worker. The no-op and plain spaCy engines use neither, so
while Presidio is first imported for them both are hidden; spaCy's transformer pipelines (`*_trf`) still get
them.

Every NLP engine module of Presidio also imports spaCy (and with it thinc, numpy and spaCy's own CLI), even
the no-op engine's: 0.65 s, half of what was left of `proagent scrub`'s start-up. Without a spaCy pipeline,
Presidio is imported against stand-ins for spaCy and thinc (`deferred_import`); our no-op engine
(`no_op_engine`) never touches them. Anything that does use spaCy later in the same process (a spaCy pipeline
configured, or Presidio's own no-op engine) gets the real packages then, re-pointed into Presidio's modules.

Presidio's predefined recognizers (all imported by its registry) build 174 `Pattern`s in their class bodies,
and `Pattern()` compiles each regex only to check it, then drops it (analysis compiles it again with the
engine's flags, on first use): 0.3 s, four of them Presidio's 1,500-alternative URL expression. Those are
Presidio's own constants, so the check is skipped while Presidio is imported; every `Pattern` made afterwards
(ours, a plugin's) is checked as before.
"""

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from types import ModuleType
from typing import Any

from proagentbench.anonymizer.deferred_import import Deferral

ML_STACKS = ("transformers", "torch")
SPACY = Deferral(("spacy", "thinc"))


@contextmanager
def hidden_modules(names: tuple[str, ...]) -> Iterator[None]:
    """`import NAME` raises ImportError inside the block for each name not imported yet; afterwards the
    modules import normally again (only what was imported inside keeps its fallback)."""
    hidden = [name for name in names if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hidden:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]


class _AfterImport(importlib.abc.MetaPathFinder):
    """Runs `then(module)` right after module `name` is executed, before whatever imported it goes on."""

    def __init__(self, name: str, then: Callable[[ModuleType], None]) -> None:
        self.name = name
        self.then = then

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != self.name:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        loader: Any = spec.loader
        execute = loader.exec_module

        def execute_then(module: ModuleType) -> None:
            execute(module)
            self.then(module)

        loader.exec_module = execute_then  # this spec's own loader instance only
        return spec


PATTERN_CHECK = "_Pattern__validate_regex"  # Pattern.__validate_regex, name-mangled


@contextmanager
def unchecked_constant_patterns() -> Iterator[None]:
    """Inside the block (which imports Presidio), `presidio_analyzer.pattern.Pattern` does not compile its
    regex to check it; the check is back when the block ends."""
    patched: list[tuple[type, Any]] = []

    def skip_check(module: ModuleType) -> None:
        pattern = getattr(module, "Pattern", None)
        if pattern is not None and PATTERN_CHECK in vars(pattern):
            patched.append((pattern, vars(pattern)[PATTERN_CHECK]))
            setattr(pattern, PATTERN_CHECK, staticmethod(lambda regex: None))

    finder = _AfterImport("presidio_analyzer.pattern", skip_check)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for pattern, check in patched:
            setattr(pattern, PATTERN_CHECK, check)


def import_presidio_analyzer(*, needs_ml: bool, needs_spacy: bool) -> None:
    """Import `presidio_analyzer` once: without `needs_ml`, with the ML stacks hidden; without `needs_spacy`,
    with spaCy deferred. With `needs_spacy`, Presidio's modules hold the real spaCy when this returns (loaded,
    if it was deferred, with the ML stacks hidden as they were for Presidio)."""
    first_import = "presidio_analyzer" not in sys.modules
    if not first_import and not (needs_spacy and SPACY.pending()):
        return
    with ExitStack() as stack:
        if not needs_ml:
            stack.enter_context(hidden_modules(ML_STACKS))
        if first_import:
            if not needs_spacy:
                stack.enter_context(SPACY.standing_in())
            stack.enter_context(unchecked_constant_patterns())
            import presidio_analyzer  # noqa: F401
        else:
            SPACY.load_real()
