"""A stronger OCR read than the anonymizer's: each image is read as the anonymizer reads it, then upscaled 2x
(small UI fonts) and inverted (bands of the other polarity than the whole image, such as a dark title bar on
a light screen)."""

from collections.abc import Iterator
from typing import Any

from proagentbench.anonymizer.image.ocr import Word, ocr_words

PASSES = ("ocr", "ocr-2x", "ocr-inverted")
UPSCALE = 2
LOCAL_RADIUS = 24  # pixels: wider than a UI text line, narrower than a title bar or a side panel
DARK_MEAN = 110  # the whole-image test of `ocr.dark_on_light`, applied per region


def strong_reads(image: Any, tesseract_cmd: str) -> Iterator[tuple[str, list[Word]]]:
    """(pass name, words) for each pass of `PASSES`; word boxes of the 2x pass are in its own pixels."""
    from PIL import Image

    yield "ocr", ocr_words(image, tesseract_cmd=tesseract_cmd)
    larger = image.resize((image.width * UPSCALE, image.height * UPSCALE), Image.Resampling.LANCZOS)
    yield "ocr-2x", ocr_words(larger, tesseract_cmd=tesseract_cmd)
    yield "ocr-inverted", ocr_words(local_polarity(image), tesseract_cmd=tesseract_cmd, auto_invert=False)


def local_polarity(image: Any) -> Any:
    """A greyscale copy where every dark region is inverted, so light text on
    dark bands and panels reads as dark text on light, as the rest of the screen does."""
    from PIL import Image, ImageFilter, ImageOps

    gray = image.convert("L")
    local_mean = gray.filter(ImageFilter.BoxBlur(LOCAL_RADIUS))
    dark = local_mean.point(lambda value: 255 if value < DARK_MEAN else 0)
    return Image.composite(ImageOps.invert(gray), gray, dark)
