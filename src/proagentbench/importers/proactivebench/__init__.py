"""ProactiveBench (thunlp/ProactiveAgent, Apache-2.0) -> a text-only corpus for the timing task.

`records` are the source's items, `times` its clocks, `reading` parses and validates its files, `sources`
finds them, `sessions` turns them into sessions and decision points, `rows` into corpus rows, `card` says
where they come from, and `importer` runs it all.
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
