"""Writing one frame to disk, owner-only, as WebP or PNG."""

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proagentbench.paths import write_private


@dataclass(frozen=True)
class EncodedFrame:
    relative_path: str
    bytes: int
    sha256: str


def encode_screenshot(image: Any, image_format: str, quality: int, lossless: bool) -> bytes:
    """Lossless WebP suits screens best: flat areas and repeated glyphs make a 1080p text screen ~25 KB with
    exact pixels (for OCR later), where lossy WebP at quality 60 needs ~140 KB. For lossless WebP ``quality``
    is the compression effort; method 1 keeps encoding near 90 ms of CPU per 1080p frame."""
    buffer = io.BytesIO()
    if image_format == "webp":
        image.save(buffer, format="WEBP", lossless=lossless, quality=quality, method=1 if lossless else 2)
    else:
        image.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


def write_frame(root: Path, relative_path: str, data: bytes) -> EncodedFrame:
    """Create the file 0600 (never replacing one) under a 0700 folder."""
    write_private(root / relative_path, data, exclusive=True)
    return EncodedFrame(relative_path, len(data), hashlib.sha256(data).hexdigest())
