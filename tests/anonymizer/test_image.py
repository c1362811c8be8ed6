"""Real Tesseract on real rendered images: PII boxes are blurred or filled so that re-OCR recovers none of it,
the rest of the image is kept, and bad images fail with one clear error."""

import dataclasses
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
from proagentbench.anonymizer.image.errors import ImageError, OcrUnavailableError
from proagentbench.anonymizer.image.frame import FrameTask, new_ocr_state, redact_frame
from proagentbench.anonymizer.image.fuzzy import KnownValues, normalise
from proagentbench.anonymizer.image.loading import load_image
from proagentbench.anonymizer.image.ocr import Word, ocr_words
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.text import TextScrubber
from proagentbench.anonymizer.verify import verify_images
from tests.anonymizer.conftest import TEST_IDENTITY, TEST_KEY
from tests.anonymizer.rawstore import render_screen
from tests.helpers import fill_disk

PII_LINES = [
    "From: Maria Keller <maria.keller@example.com>",
    "jdoe@devbox:~/src$ export API_TOKEN=ghp_R4nd0mT0k3nV4lu3Xy9AbCdEfGh1234567890",
    "Call me at +1 415-555-0132 about the card 4111 1111 1111 1111",
]
PLAIN_LINE = "The quarterly report finished without warnings."
PII_VALUES = [
    "maria",
    "keller",
    "mariakellerexamplecom",
    "jdoe",
    "devbox",
    "4155550132",
    "4111111111111111",
    "ghpr4nd0mt0k3nv4lu3xy9abcdefgh1234567890",
]


def _ocr_text(path: Path) -> str:
    words = ocr_words(load_image(path, max_pixels=10**8))
    return normalise(" ".join(w.text for w in words))


def _redact(scrubber: TextScrubber, source: Path, target: Path, known: tuple[str, ...] = ()) -> None:
    setup = ScrubSetup(scrubber.policy, TEST_KEY, TEST_IDENTITY)
    redact_frame(FrameTask(1, source, target), scrubber, KnownValues(known), new_ocr_state(setup.policy))


@pytest.fixture(scope="module")
def screen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_screen(
        [*PII_LINES, PLAIN_LINE], tmp_path_factory.mktemp("img") / "screen.png", size=(1100, 260)
    )


def test_source_image_really_shows_the_pii(screen: Path) -> None:
    text = _ocr_text(screen)
    assert "mariakeller" in text and "4155550132" in text and "quarterly" in text


def test_blur_leaves_nothing_for_ocr_to_recover(scrubber: TextScrubber, screen: Path, tmp_path: Path) -> None:
    out = tmp_path / "blurred.png"
    _redact(scrubber, screen, out)
    text = _ocr_text(out)
    leaked = [value for value in PII_VALUES if value in text]
    assert leaked == []
    assert "quarterly" in text and "warnings" in text, "text that is not PII is kept"
    assert verify_images([out], scrubber) == []
    assert verify_images([screen], scrubber), "verify finds the PII in the unredacted image"


def test_fill_operator_paints_boxes_and_keeps_the_rest(
    scrubber: TextScrubber, screen: Path, tmp_path: Path
) -> None:
    policy = dataclasses.replace(scrubber.policy, image_operator="fill", fill_color="#ff00ff")
    fill_scrubber = make_scrubber(ScrubSetup(policy, TEST_KEY, TEST_IDENTITY))
    out = tmp_path / "filled.png"
    _redact(fill_scrubber, screen, out)
    before, after = Image.open(screen).convert("RGB"), Image.open(out).convert("RGB")
    colours = {colour for _, colour in after.getcolors(maxcolors=1 << 16) or []}
    assert (255, 0, 255) in colours
    plain_band = (0, 40 + 3 * 34, 1100, 40 + 3 * 34 + 24)  # the fourth rendered line
    assert before.crop(plain_band).tobytes() == after.crop(plain_band).tobytes()
    assert all(value not in _ocr_text(out) for value in PII_VALUES)


def test_all_text_mode_redacts_every_word(scrubber: TextScrubber, screen: Path, tmp_path: Path) -> None:
    policy = dataclasses.replace(scrubber.policy, image_mode="all-text")
    out = tmp_path / "all.png"
    _redact(make_scrubber(ScrubSetup(policy, TEST_KEY, TEST_IDENTITY)), screen, out)
    assert len(_ocr_text(out)) < 10


def test_cross_modal_values_are_redacted_in_images(scrubber: TextScrubber, tmp_path: Path) -> None:
    source = render_screen(
        ["Codename Bluefinch rollout notes", PLAIN_LINE], tmp_path / "x.png", size=(900, 120)
    )
    out = tmp_path / "x-out.png"
    _redact(scrubber, source, out, known=("Bluefinch",))
    text = _ocr_text(out)
    assert "bluefinch" not in text and "rollout" in text


@pytest.mark.parametrize(
    ("ocr_line", "hit"),
    [
        ("maria.keller@example.corn", True),  # rn for m
        ("Kel1er", False),  # too short a value alone is not matched fuzzily below 4 chars of error budget
        ("maria. keller@example.com", True),  # split by OCR
        ("weather report", False),
    ],
)
def test_known_values_tolerate_ocr_noise(ocr_line: str, hit: bool) -> None:
    words = [Word(text, i * 50, 0, 40, 10, 90.0, (0,)) for i, text in enumerate(ocr_line.split())]
    matched = KnownValues(["maria.keller@example.com"]).matching_words(words)
    assert bool(matched) is hit


@pytest.mark.parametrize(
    ("value", "ocr_line"),
    [
        ("Ševčíková", "Sevcikova"),  # Tesseract's English model reads the letters without their marks
        ("Kovářová", "Kovarova"),
        ("Strauß", "Strauss"),
        ("Łukasz Wąsek", "Lukasz Wasek"),
    ],
)
def test_known_values_with_accents_match_their_reads_without(value: str, ocr_line: str) -> None:
    words = [Word(text, i * 50, 0, 40, 10, 90.0, (0,)) for i, text in enumerate(ocr_line.split())]
    assert KnownValues([value]).matching_words(words) == set(range(len(words)))


def test_one_folding_serves_ocr_matching_and_place_names() -> None:
    from proagentbench.anonymizer.folding import fold_accents
    from proagentbench.anonymizer.place_names import fold

    assert fold_accents("Jørgensen Łukasz Şener Straße Þór") == "jorgensen lukasz sener strasse thor"
    assert normalise("Jørgensen-Łukasz") == "jorgensenlukasz"
    assert fold("Jastrzębie-Zdrój") == "jastrzebie zdroj"


def test_corrupt_truncated_empty_and_huge_images_are_clear_errors(screen: Path, tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.png"
    corrupt.write_bytes(b"this is not an image at all")
    bad_png = tmp_path / "bad.png"
    bad_png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 50)
    truncated = tmp_path / "truncated.png"
    truncated.write_bytes(screen.read_bytes()[: screen.stat().st_size // 2])
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.png"
    Image.new("1", (9000, 9000)).save(huge)
    for path, message in (
        (corrupt, "not a readable image"),
        (bad_png, "corrupt or truncated"),
        (truncated, "corrupt or truncated"),
        (empty, "empty file"),
        (huge, "too large"),
        (tmp_path / "missing.png", "cannot be read"),
    ):
        with pytest.raises(ImageError, match=message) as error:
            load_image(path, max_pixels=Policy().max_image_pixels)
        assert "\n" not in str(error.value)


def test_missing_tesseract_binary_is_a_clear_error(
    scrubber: TextScrubber, screen: Path, tmp_path: Path
) -> None:
    policy = dataclasses.replace(scrubber.policy, tesseract_cmd=str(tmp_path / "no-such-tesseract"))
    setup = ScrubSetup(policy, TEST_KEY, TEST_IDENTITY)
    with pytest.raises(OcrUnavailableError, match="tesseract not found"):
        redact_frame(
            FrameTask(1, screen, tmp_path / "o.png"),
            make_scrubber(setup),
            KnownValues(()),
            new_ocr_state(setup.policy),
        )
    assert not (tmp_path / "o.png").exists()


def test_incremental_ocr_reads_bands_of_mixed_polarity_like_a_full_ocr(tmp_path: Path) -> None:
    """A new window changes both its dark title bar and its light page: the changed bands are OCR'd together,
    and each must be read in its own polarity, or the page's PII comes out garbled and is never redacted."""
    from proagentbench.anonymizer.image.analysis import group_lines
    from proagentbench.demo.window_image import render_window

    size = (1280, 400)
    before = render_window("Inbox - Mozilla Thunderbird", ("Subject: Q3 report", "Can we ship?"), size)
    after = render_window(
        "alex@devbox: ~/projects/shop",
        ("alex@devbox:~/projects/shop$ make deploy", "Logged in as alex.morgan@northwind-mail.com"),
        size,
    )
    frames = []
    for name, data in (("before.png", before), ("after.png", after)):
        (tmp_path / name).write_bytes(data)
        frames.append(load_image(tmp_path / name, max_pixels=10**8))
    state = new_ocr_state(Policy())
    state.words(frames[0])
    incremental = state.words(frames[1])
    assert state.stats.incremental == 1, "the second frame must take the incremental path"
    lines = {" ".join(word.text for word in line) for line in group_lines(incremental)}
    assert "Logged in as alex.morgan@northwind-mail.com" in lines
    assert any(line.startswith("alex@devbox:~/projects/shop$") for line in lines)


def _fake_tesseract(tmp_path: Path, script: str) -> str:
    path = tmp_path / "tesseract"
    path.write_text("#!/bin/sh\ncat >/dev/null\n" + script)
    path.chmod(0o700)
    return str(path)


HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


@pytest.mark.parametrize(
    ("script", "message"),
    [
        # exits 0 with a word table cut short (what a full disk did to the temp-file route)
        (f"printf '{HEADER}\\n5\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t40'\n", "incomplete word table"),
        ("exit 0\n", "no word table"),
        ("echo 'Error: cannot read input' >&2; exit 1\n", "tesseract failed: Error: cannot read input"),
    ],
)
def test_a_tesseract_reply_that_is_cut_short_or_failed_is_an_error_not_fewer_words(
    tmp_path: Path, script: str, message: str
) -> None:
    image = Image.new("RGB", (200, 60), "white")
    with pytest.raises(OcrUnavailableError, match=message):
        ocr_words(image, tesseract_cmd=_fake_tesseract(tmp_path, script))


def test_ocr_reads_every_word_when_the_temp_disk_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No temporary file is involved, so a full temp disk changes nothing (through temp files, tesseract
    wrote an empty word table there and still exited 0)."""
    lines = ["Invoice for Margaret Whitfield"]
    image = Image.open(render_screen(lines, tmp_path / "shot.png", size=(700, 80), font_size=28))
    expected = [word.text for word in ocr_words(image)]
    assert expected == ["Invoice", "for", "Margaret", "Whitfield"]
    full = tmp_path / "full"
    full.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(full)]
    if os.geteuid() != 0 or subprocess.run(mount, capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        fill_disk(full)
        monkeypatch.setenv("TMPDIR", str(full))
        monkeypatch.setattr(tempfile, "tempdir", str(full))
        assert [word.text for word in ocr_words(image)] == expected
    finally:
        subprocess.run(["umount", str(full)], check=True)
