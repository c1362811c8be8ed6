"""Draw a plausible application window as a PNG: a title bar and lines of text, readable by OCR."""

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

_FONT_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSansMono.ttf"),
)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONT_PATHS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def render_window(title: str, lines: tuple[str, ...], size: tuple[int, int]) -> bytes:
    image = Image.new("RGB", size, (250, 250, 248))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], 44), fill=(48, 52, 60))
    draw.text((16, 10), title, font=_font(20), fill=(240, 240, 240))
    body = _font(22)
    y = 80
    for line in lines:
        if y > size[1] - 40:
            break
        draw.text((24, y), line, font=body, fill=(20, 20, 20))
        y += 38
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
