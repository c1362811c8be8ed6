"""Export: a clean store -> a corpus directory, checked for residual personal data before it is published."""

from proagentbench.export.exporter import ExportOptions, ExportResult, export_corpus
from proagentbench.export.residual_pii import (
    PatternScanner,
    ResidualFinding,
    ResidualPIIError,
    ResidualScanner,
    default_scanner,
    load_scanner,
)

__all__ = [
    "ExportOptions",
    "ExportResult",
    "ResidualFinding",
    "PatternScanner",
    "ResidualPIIError",
    "ResidualScanner",
    "default_scanner",
    "export_corpus",
    "load_scanner",
]
