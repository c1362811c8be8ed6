"""Tesseract word boxes through pytesseract, one OpenMP thread per process (several times faster on small
machines, where OpenMP threads of parallel workers otherwise fight over the cores)."""

import os
from dataclasses import dataclass
from typing import Any

from proagentbench.anonymizer.image.errors import OcrUnavailableError
from proagentbench.errors import MissingDependencyError


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


def ocr_words(image: Any, *, tesseract_cmd: str = "tesseract", line_prefix: int = 0) -> list[Word]:
    """OCR an RGB Pillow image; light-on-dark regions are inverted first (Tesseract reads dark text best)."""
    try:
        import pytesseract
    except ImportError:
        raise MissingDependencyError("pytesseract", "anonymize") from None
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    gray = dark_on_light(image)
    pytesseract.pytesseract.tesseract_cmd = tesseract_cmd
    try:
        data = pytesseract.image_to_data(gray, output_type=pytesseract.Output.DICT, config="--psm 11")
    except pytesseract.TesseractNotFoundError:
        raise OcrUnavailableError(
            f"tesseract not found (command {tesseract_cmd!r}); install it (apt-get install tesseract-ocr) "
            "or set tesseract_cmd in the policy"
        ) from None
    except (pytesseract.TesseractError, OSError) as exc:
        raise OcrUnavailableError(f"tesseract failed: {str(exc).strip().splitlines()[0]}") from None
    words = []
    for i, text in enumerate(data["text"]):
        if not text or not text.strip():
            continue
        key = (line_prefix, data["block_num"][i], data["par_num"][i], data["line_num"][i])
        words.append(
            Word(
                text.strip(),
                data["left"][i],
                data["top"][i],
                data["width"][i],
                data["height"][i],
                float(data["conf"][i]),
                key,
            )
        )
    return words


def dark_on_light(image: Any) -> Any:
    """A greyscale copy with dark text on a light background (inverted when the image is mostly dark)."""
    gray = image.convert("L")
    if _mean(gray) < 110:
        from PIL import ImageOps

        gray = ImageOps.invert(gray)
    return gray


def _mean(gray: Any) -> float:
    from PIL import ImageStat

    return float(ImageStat.Stat(gray).mean[0])
