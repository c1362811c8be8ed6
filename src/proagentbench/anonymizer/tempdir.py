"""Where a job's temporary files go: Tesseract itself works through pipes (`image.ocr`), but anything a
library writes through `tempfile` while raw frames are processed stays inside the store's owner-only tree,
never in a shared temp directory."""

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from proagentbench import paths

OCR_TEMP_DIR = ".ocr-tmp"


@contextmanager
def ocr_temp_dir(store_db: Path | None) -> Iterator[Path]:
    """A private temp folder beside the store's screenshots (swept on the next run if this one is killed);
    where that tree cannot be written (a read-only store), a fresh 0700 folder in the system temp dir."""
    with ExitStack() as stack:
        folder: Path | None = None
        if store_db is not None:
            parent = paths.screenshots_dir(store_db.expanduser()) / OCR_TEMP_DIR
            try:
                folder = stack.enter_context(paths.private_temp_dir(parent))
            except OSError:
                folder = None
        if folder is None:
            fallback = Path(tempfile.mkdtemp(prefix="proagent-ocr-"))
            folder = stack.enter_context(paths.private_temp_dir(fallback))
        yield folder
