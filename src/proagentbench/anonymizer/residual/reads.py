"""A stronger OCR read than the anonymizer's: each image is read as the anonymizer reads it, then upscaled 2x
(small UI fonts) and inverted (bands of the other polarity than the whole image, such as a dark title bar on
a light screen)."""

from collections.abc import Iterator
from typing import Any

from proagentbench.anonymizer.image.ocr import Word, dark_on_light, ocr_words

PASSES = ("ocr", "ocr-2x", "ocr-inverted")
UPSCALE = 2


def strong_reads(image: Any, tesseract_cmd: str) -> Iterator[tuple[str, list[Word]]]:
    """(pass name, words) for each pass of `PASSES`; word boxes of the 2x pass are in its own pixels."""
    from PIL import Image, ImageOps

    yield "ocr", ocr_words(image, tesseract_cmd=tesseract_cmd)
    larger = image.resize((image.width * UPSCALE, image.height * UPSCALE), Image.Resampling.LANCZOS)
    yield "ocr-2x", ocr_words(larger, tesseract_cmd=tesseract_cmd)
    # The polarity the first pass did not read: bands of the other polarity become dark text on light.
    inverted = ImageOps.invert(dark_on_light(image))
    yield "ocr-inverted", ocr_words(inverted, tesseract_cmd=tesseract_cmd, auto_invert=False)
