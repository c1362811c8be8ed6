"""Residual-PII scanners that CLI tests load with `--scanner tests.export.scanners:NAME`."""

import os
import time
from pathlib import Path

from proagentbench.export import PatternScanner
from tests.export.conftest import SECRET


def planted() -> PatternScanner:
    return PatternScanner({"EMAIL_ADDRESS": r"[\w.+-]+@[\w-]+\.[\w.]+", "PLANTED": SECRET})


class StallingScanner:
    """Signals (through a marker file) that the export reached its PII check, then stalls there."""

    def __init__(self) -> None:
        self.marker = Path(os.environ["PROAGENT_TEST_MARKER"])

    def scan_text(self, text: str) -> list[str]:
        del text
        if not self.marker.exists():
            self.marker.write_text("scanning")
        time.sleep(60)
        return []

    def scan_image(self, path: Path) -> list[str]:
        del path
        return []
