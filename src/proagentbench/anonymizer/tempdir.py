"""Where OCR's temporary files go: Tesseract reads raw crops and writes their text through temp files, so they
must stay inside the store's owner-only tree, never in a shared temp directory."""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from proagentbench import paths

OCR_TEMP_DIR = ".ocr-tmp"


@contextmanager
def ocr_temp_dir(store_db: Path | None) -> Iterator[Path]:
    """A private temp folder beside the store's screenshots (swept on the next run if this one is killed);
    where that tree cannot be written (a read-only store), a fresh 0700 folder in the system temp dir."""
    if store_db is not None:
        parent = paths.screenshots_dir(store_db.expanduser()) / OCR_TEMP_DIR
        try:
            paths.make_private_dir(parent)
        except OSError:
            pass
        else:
            with paths.private_temp_dir(parent) as folder:
                yield folder
            return
    with paths.private_temp_dir(Path(tempfile.mkdtemp(prefix="proagent-ocr-"))) as folder:
        yield folder
