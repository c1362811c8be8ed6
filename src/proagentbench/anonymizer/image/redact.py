"""Making boxes unreadable: a blur strong enough that neither OCR nor a person recovers the text (pixelate
to a few blocks per line height, then a Gaussian blur over that), or a solid fill. The rest of the image is
left untouched."""

from collections.abc import Sequence
from typing import Any

from proagentbench.anonymizer.image.analysis import Box

PAD = 3


def redact(image: Any, boxes: Sequence[Box], *, operator: str, fill_color: str = "#000000") -> Any:
    from PIL import ImageDraw, ImageFilter

    width, height = image.size
    draw = ImageDraw.Draw(image) if operator == "fill" else None
    for raw_box in boxes:
        box = raw_box.padded(PAD, width, height)
        if box.right <= box.left or box.bottom <= box.top:
            continue
        if draw is not None:
            draw.rectangle((box.left, box.top, box.right - 1, box.bottom - 1), fill=fill_color)
            continue
        region = image.crop((box.left, box.top, box.right, box.bottom))
        block = max(4, (box.bottom - box.top) // 2)
        small = region.resize(
            (max(1, region.width // block), max(1, region.height // block)), resample=_box_filter()
        )
        smeared = small.resize(region.size, resample=_box_filter()).filter(ImageFilter.GaussianBlur(block))
        image.paste(smeared, (box.left, box.top))
    return image


def black_out(image: Any, rect: tuple[int, int, int, int]) -> Any:
    from PIL import ImageDraw

    width, height = image.size
    left, top, right, bottom = rect
    left, top, right, bottom = max(0, left), max(0, top), min(width, right), min(height, bottom)
    if right > left and bottom > top:
        ImageDraw.Draw(image).rectangle((left, top, right - 1, bottom - 1), fill="#000000")
    return image


def _box_filter() -> Any:
    from PIL import Image

    return Image.Resampling.BOX
