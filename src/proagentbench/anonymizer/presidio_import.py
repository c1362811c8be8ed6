"""Importing Presidio's analyzer without the machine-learning stacks it does not need here.

`presidio_analyzer` imports its Hugging Face NLP engine eagerly, and with it `transformers` and `torch` when
they
are installed (the embeddings extra installs them): about 8 of the 9 seconds the import takes on 2 cores, paid
by every `proagent scrub` call and every OCR worker. The no-op and plain spaCy engines use neither, so while
Presidio is first imported for them both are hidden; spaCy's transformer pipelines (`*_trf`) still get them.
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager

ML_STACKS = ("transformers", "torch")


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


def import_presidio_analyzer(needs_ml: bool) -> None:
    """Import `presidio_analyzer` once; without `needs_ml`, with the ML stacks hidden."""
    if "presidio_analyzer" in sys.modules or needs_ml:
        import presidio_analyzer  # noqa: F401

        return
    with hidden_modules(ML_STACKS):
        import presidio_analyzer  # noqa: F401
