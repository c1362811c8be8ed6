"""Tesseract word boxes, one OpenMP thread per process (several times faster on small machines, where OpenMP
threads of parallel workers otherwise fight over the cores)."""

import io
import os
import subprocess
from dataclasses import dataclass
from typing import Any

from proagentbench.anonymizer.image.errors import OcrUnavailableError


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, ...]  # words with the same key form one line of text

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def shifted(self, dx: int, dy: int, line_prefix: int) -> "Word":
        return Word(
            self.text,
            self.left + dx,
            self.top + dy,
            self.width,
            self.height,
            self.conf,
            (line_prefix, *self.line),
        )


TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width",
               "height", "conf", "text")  # fmt: skip
OCR_TIMEOUT_S = 300
# Sauvola's local threshold instead of Tesseract's default global Otsu: with one threshold for the whole
# image, a mid-grey panel (a dark theme's folder pane or selected row, once inverted) fell on the dark side
# and every word on it was lost. Measured on benchmarks/screen_generator.py screens (docs/benchmarks.md):
# other words found 0.92 -> 0.98 on dark screens, PII values 0.92 -> 0.94, about 9% more OCR time.
TESSERACT_OPTIONS = ("-c", "thresholding_method=2")


def ocr_words(
    image: Any, *, tesseract_cmd: str = "tesseract", line_prefix: int = 0, auto_invert: bool = True
) -> list[Word]:
    """OCR an RGB Pillow image; light-on-dark regions are inverted first (Tesseract reads dark text best)
    unless ``auto_invert`` is off (for a caller that reads both polarities itself)."""
    words = []
    gray = dark_on_light(image) if auto_invert else image.convert("L")
    for row in _tesseract_tsv(gray, tesseract_cmd):
        text = row[11].strip()
        if not text:
            continue
        block, paragraph, line = (int(value) for value in row[2:5])
        left, top, width, height = (int(value) for value in row[6:10])
        words.append(
            Word(text, left, top, width, height, float(row[10]), (line_prefix, block, paragraph, line))
        )
    return words


def _tesseract_tsv(gray: Any, tesseract_cmd: str) -> list[list[str]]:
    """Tesseract's TSV rows for a greyscale image, through pipes: the raw pixels and their text never touch
    the disk, and a reply cut short cannot pass for a complete one. (Through temporary files, as pytesseract
    runs it, a full disk truncates the TSV while tesseract still exits 0: words, and their redactions, are
    lost.)"""
    encoded = io.BytesIO()
    gray.save(encoded, format="PNG", compress_level=1)
    environment = dict(os.environ, OMP_THREAD_LIMIT=os.environ.get("OMP_THREAD_LIMIT", "1"))
    command = [tesseract_cmd, "stdin", "stdout", "--psm", "11", *TESSERACT_OPTIONS, "tsv"]
    try:
        done = subprocess.run(
            command, input=encoded.getvalue(), capture_output=True, env=environment, timeout=OCR_TIMEOUT_S
        )
    except FileNotFoundError:
        raise OcrUnavailableError(
            f"tesseract not found (command {tesseract_cmd!r}); install it (apt-get install tesseract-ocr) "
            "or set tesseract_cmd in the policy"
        ) from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OcrUnavailableError(f"tesseract failed: {exc}") from None
    if done.returncode != 0:
        reason = _last_line(done.stderr) or f"exit status {done.returncode}"
        raise OcrUnavailableError(f"tesseract failed: {reason}")
    return _parse_tsv(done.stdout.decode("utf-8", errors="replace"))


def _parse_tsv(output: str) -> list[list[str]]:
    lines = output.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or tuple(lines[0].split("\t")) != TSV_COLUMNS:
        raise OcrUnavailableError("tesseract returned no word table (unexpected output)")
    rows = [line.split("\t") for line in lines[1:]]
    if any(len(row) != len(TSV_COLUMNS) for row in rows):
        raise OcrUnavailableError("tesseract returned an incomplete word table")
    return rows


def _last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""


POLARITY_BLOCK = 16  # px: small enough that a block rarely spans two backgrounds, larger than a stroke
DARK_BACKGROUND = 110  # grey level under which a block's background counts as dark


def dark_on_light(image: Any) -> Any:
    """A greyscale copy with dark text on a light background: each block whose background (its median grey)
    is dark is inverted on its own, so a dark sidebar, title bar or selected row beside a light page is read
    as well as the page (one decision for the whole image leaves the minority polarity to Tesseract, which
    reads light-on-dark text poorly)."""
    import numpy as np
    from PIL import Image

    gray = image.convert("L")
    pixels = np.asarray(gray)
    height, width = pixels.shape
    if not height or not width:
        return gray
    block = POLARITY_BLOCK
    rows, cols = -(-height // block), -(-width // block)
    padded = np.pad(pixels, ((0, rows * block - height), (0, cols * block - width)), mode="edge")
    tiles = padded.reshape(rows, block, cols, block).swapaxes(1, 2).reshape(rows, cols, block * block)
    dark = np.median(tiles, axis=2) < DARK_BACKGROUND
    if not dark.any():
        return gray
    mask = np.repeat(np.repeat(dark, block, axis=0), block, axis=1)[:height, :width]
    return Image.fromarray(np.where(mask, 255 - pixels, pixels).astype(np.uint8))
