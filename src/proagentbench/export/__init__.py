"""Export: a clean store -> a corpus directory, checked for residual personal data before it is published.

The corpus format, its statistics and card belong to `proagentbench.corpus`; this package reads a clean store
(only when every session is anonymized), maps its rows, splits users or sessions, copies the redacted images,
records what made each session (the train/test assignment is `corpus.splits`) and runs the residual-PII check.
"""

from proagentbench.export.exporter import EmptyStoreError, ExportOptions, ExportResult, export_corpus
from proagentbench.export.images import ScreenshotError
from proagentbench.export.residual_pii import (
    PatternScanner,
    ResidualFinding,
    ResidualPIIError,
    ResidualScanner,
    ScannerUnavailableError,
    default_scanner,
    load_scanner,
)

__all__ = [
    "EmptyStoreError",
    "ExportOptions",
    "ExportResult",
    "PatternScanner",
    "ResidualFinding",
    "ResidualPIIError",
    "ResidualScanner",
    "ScannerUnavailableError",
    "ScreenshotError",
    "default_scanner",
    "export_corpus",
    "load_scanner",
]
