"""Importers: public data sets converted into corpus directories, so agents can be benchmarked on data that
nobody recorded with this toolkit.

An importer reads a published data set as it is distributed, validates all of it before writing anything, and
writes a corpus directory through `proagentbench.corpus.CorpusWriter` (so a failed run leaves nothing behind):
the same tables, dataset card and manifest as an export, with ``source`` ``import:<name>``, no anonymizer (the
data is already public) and the data set's licence and attribution in the card. It never reads a store.
One subpackage per data set; `proagent import <name>` is its command.
"""

from proagentbench.importers.proactivebench.errors import ImportCountError, ImportFormatError
from proagentbench.importers.proactivebench.importer import ImportOptions, ImportResult, import_proactivebench

__all__ = [
    "ImportCountError",
    "ImportFormatError",
    "ImportOptions",
    "ImportResult",
    "import_proactivebench",
]
