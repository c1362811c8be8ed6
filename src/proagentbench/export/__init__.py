"""Export: clean store -> corpus directory; corpus statistics; import of public data (ProactiveBench)."""

from proagentbench.export.exporter import ExportOptions, ExportResult, export_corpus
from proagentbench.export.pb_import import ImportOptions, ImportResult, import_proactivebench
from proagentbench.export.residual_pii import (
    Finding,
    PatternScanner,
    ResidualPIIError,
    ResidualScanner,
    default_scanner,
    load_scanner,
)

__all__ = [
    "ExportOptions",
    "ExportResult",
    "Finding",
    "ImportOptions",
    "ImportResult",
    "PatternScanner",
    "ResidualPIIError",
    "ResidualScanner",
    "default_scanner",
    "export_corpus",
    "import_proactivebench",
    "load_scanner",
]
