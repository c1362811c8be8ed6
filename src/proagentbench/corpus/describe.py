"""The step every writer of a corpus ends with, and what it hands back.

Once its rows are in, a corpus is described from what was written: its statistics, and the dataset card made
from them. Export and import then add their checks and the manifest (`CorpusWriter.finish`).
"""

from dataclasses import dataclass
from pathlib import Path

from proagentbench.corpus.card import CardInfo, write_card
from proagentbench.corpus.manifest import Manifest
from proagentbench.corpus.stats import CorpusStats, compute_stats
from proagentbench.corpus.writer import CorpusWriter


@dataclass
class WrittenCorpus:
    """A finished corpus directory: where it is, its manifest and its statistics."""

    out: Path
    manifest: Manifest
    stats: CorpusStats


def describe(writer: CorpusWriter, info: CardInfo) -> CorpusStats:
    """Close the writer's tables, compute their statistics and write the dataset card from them."""
    writer.close_tables()
    stats = compute_stats(writer.staging)
    write_card(writer, info, stats)
    return stats
