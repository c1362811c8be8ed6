"""The corpus directory, the public contract between export/import and the benchmark (see docs/corpus.md).

Its format and layout, the manifest, the streaming writer and the verifying reader, the sha256 every file is
checked against, the seeded train/test assignment of users or sessions, and what describes any corpus
whoever wrote it: statistics, the dataset card and plots.
"""

from proagentbench.corpus.card import CardInfo, fmt_number, render_card
from proagentbench.corpus.deps import require_pyarrow
from proagentbench.corpus.describe import WrittenCorpus, describe
from proagentbench.corpus.format import CARD_NAME, FORMAT_VERSION, MANIFEST_NAME, SPLITS, TABLES, point_id
from proagentbench.corpus.hashing import sha256_file
from proagentbench.corpus.layout import image_file, table_file, table_path, written_splits
from proagentbench.corpus.manifest import CorpusError, Manifest
from proagentbench.corpus.plots import write_plots
from proagentbench.corpus.reader import Corpus, open_corpus
from proagentbench.corpus.splits import SplitError, assign_splits, check_split_settings
from proagentbench.corpus.stats import CorpusStats, SplitStats, compute_stats
from proagentbench.corpus.writer import CorpusWriter, new_manifest

__all__ = [
    "CARD_NAME",
    "FORMAT_VERSION",
    "MANIFEST_NAME",
    "SPLITS",
    "TABLES",
    "CardInfo",
    "Corpus",
    "CorpusError",
    "CorpusStats",
    "CorpusWriter",
    "Manifest",
    "SplitError",
    "SplitStats",
    "WrittenCorpus",
    "assign_splits",
    "check_split_settings",
    "compute_stats",
    "describe",
    "fmt_number",
    "image_file",
    "new_manifest",
    "open_corpus",
    "point_id",
    "render_card",
    "require_pyarrow",
    "sha256_file",
    "table_file",
    "table_path",
    "write_plots",
    "written_splits",
]
