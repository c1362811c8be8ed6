"""The corpus directory: format, manifest, streaming writer and verifying reader (see docs/corpus.md)."""

from proagentbench.corpus.format import FORMAT_VERSION, SPLITS, TABLES, point_id
from proagentbench.corpus.manifest import CorpusError, Manifest
from proagentbench.corpus.reader import Corpus, open_corpus
from proagentbench.corpus.writer import CorpusWriter, new_manifest

__all__ = [
    "FORMAT_VERSION",
    "SPLITS",
    "TABLES",
    "Corpus",
    "CorpusError",
    "CorpusWriter",
    "Manifest",
    "new_manifest",
    "open_corpus",
    "point_id",
]
