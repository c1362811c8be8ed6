"""Raw frames that are not what was recorded (issue 10, defect 11): a frame whose bytes no longer match the
sha256 recorded at capture fails its session with one line (nothing of it written, the raw store untouched,
a rerun after the frame is restored anonymizes it), and a 400-megapixel image is called too large, not
corrupt."""

import shutil
import struct
import zlib
from pathlib import Path

import pytest

from proagentbench import paths
from proagentbench.anonymizer import anonymize_store
from proagentbench.anonymizer.image.errors import ImageError
from proagentbench.anonymizer.image.loading import load_image
from proagentbench.anonymizer.policy import Policy
from tests.anonymizer.rawstore import RawStoreBuilder


def _png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that declares ``width`` x ``height`` (Pillow reads the size from the header alone)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )
    return path


def test_a_400_megapixel_image_is_too_large_not_corrupt(tmp_path: Path) -> None:
    huge = _png_header_only(tmp_path / "huge.png", 20_000, 20_000)
    limit = Policy().max_image_pixels
    with pytest.raises(ImageError) as error:
        load_image(huge, max_pixels=limit)
    message = str(error.value)
    assert f"image too large (400,000,000 pixels; the policy allows {limit:,})" in message, message
    assert "corrupt" not in message and "\n" not in message


def test_a_frame_changed_since_capture_fails_its_session_in_one_line(tmp_path: Path) -> None:
    raw = RawStoreBuilder(tmp_path / "raw" / "raw.sqlite")
    frames: dict[str, Path] = {}
    for uid in ("intact", "changed"):
        session = raw.add_session(uid)
        window = raw.add_window(session, 0, "xterm", "jdoe@devbox: ~/src")
        frames[uid] = raw.add_screenshot(session, 10, [f"session {uid}", "all is well"], window_id=window)
    raw.close()
    original = frames["changed"].read_bytes()
    shutil.copyfile(frames["intact"], frames["changed"])  # a valid image, just not the one recorded
    clean = tmp_path / "clean.sqlite"
    policy = Policy(machine_identity=False)

    report = anonymize_store(raw.db_path, clean, policy)
    assert report.done == ["intact"]
    [failure] = report.failed
    assert failure.uid == "changed" and "\n" not in failure.error
    assert "no longer match the sha256 recorded at capture" in failure.error, failure.error
    assert not (paths.screenshots_dir(clean) / "changed").exists()

    frames["changed"].write_bytes(original)  # restored from a backup: the rerun anonymizes it
    again = anonymize_store(raw.db_path, clean, policy)
    assert again.done == ["changed"] and again.skipped == ["intact"] and not again.failed
