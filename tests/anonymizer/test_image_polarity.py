"""Light text on dark parts of a mostly light screen (a Slack-like sidebar, a title bar, a selected row) is
read as well as the page: each block is put dark-on-light on its own before real Tesseract reads it."""

from PIL import Image, ImageDraw, ImageFont

from proagentbench.anonymizer.image.ocr import ocr_words
from tests.anonymizer.rawstore import FONT

SIDEBAR = ["Direct messages", "Beatriz Cardona", "Custodia Llorens", "Suministros"]
PAGE = ["The quarterly report is attached", "Please check the numbers"]


def _screen(scale: int) -> Image.Image:
    image = Image.new("RGB", (900 * scale, 200 * scale), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 220 * scale, 200 * scale), fill="#3f0e40")
    font = ImageFont.truetype(FONT, 13 * scale)
    for i, text in enumerate(SIDEBAR):
        draw.text((14 * scale, (20 + 24 * i) * scale), text, fill="#ffffff", font=font)
    for i, text in enumerate(PAGE):
        draw.text((240 * scale, (20 + 24 * i) * scale), text, fill="#1d1c1d", font=font)
    return image


def test_a_dark_sidebar_beside_a_light_page_is_read_at_small_size_and_hidpi() -> None:
    for scale in (1, 2):
        read = {word.text.strip(",.") for word in ocr_words(_screen(scale))}
        for line in (*SIDEBAR, *PAGE):
            assert set(line.split()) <= read, f"{line!r} at {scale}x: read {sorted(read)}"


def test_text_on_a_grey_panel_of_a_dark_theme_is_read() -> None:
    """A dark theme's folder pane and selected row are mid-grey once inverted (#2c3e50 -> 197) beside the
    page's near-white: one global threshold (Tesseract's Otsu) made the whole panel black and every word in
    it was lost; a local threshold (Sauvola) reads them."""
    image = Image.new("RGB", (900, 260), "#1a1d21")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 170, 260), fill="#2c3e50")
    draw.rectangle((170, 90, 900, 150), fill="#2c3e50")
    font = ImageFont.truetype(FONT, 18)
    for i, folder in enumerate(("Inbox", "Drafts", "Archive")):
        draw.text((14, 20 + 30 * i), folder, fill="#d1d2d3", font=font)
    rows = [("Travis Johnson", 30), ("Ronald Harris", 100), ("Shannon Boyd", 180)]
    for text, y in rows:
        draw.text((186, y), text, fill="#d1d2d3", font=font)
    read = {word.text for word in ocr_words(image)}
    expected = {"Inbox", "Drafts", "Archive", "Travis", "Johnson", "Ronald", "Harris", "Shannon", "Boyd"}
    assert expected <= read, f"missing {sorted(expected - read)}"
