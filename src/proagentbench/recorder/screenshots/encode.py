"""Writing one frame to disk, owner-only, as WebP or PNG."""

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class EncodedFrame:
    relative_path: str
    bytes: int
    sha256: str


def encode(image: Any, image_format: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    if image_format == "webp":
        # method 2 costs about a third of the default's CPU for a few percent more bytes on screen content.
        image.save(buffer, format="WEBP", quality=quality, method=2)
    else:
        image.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


def write_private(root: Path, relative_path: str, data: bytes) -> EncodedFrame:
    """Create the file 0600 (never replacing one) under a 0700 folder."""
    target = root / relative_path
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return EncodedFrame(relative_path, len(data), hashlib.sha256(data).hexdigest())
