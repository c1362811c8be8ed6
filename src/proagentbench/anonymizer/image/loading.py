"""Opening screenshots safely: corrupt, truncated, empty, oversized and changed files become one clear
ImageError."""

import hashlib
import re
from pathlib import Path
from typing import Any

from proagentbench.anonymizer.image.errors import ImageError
from proagentbench.errors import MissingDependencyError


def load_image(path: Path, *, max_pixels: int) -> Any:
    """Return a fully decoded RGB Pillow image."""
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:
        raise MissingDependencyError("Pillow", "anonymize") from None
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImageError(f"{path}: cannot be read ({exc.strerror})") from None
    if size == 0:
        raise ImageError(f"{path}: empty file, not an image")
    try:
        with Image.open(path) as image:
            width, height = image.size
            if width == 0 or height == 0:
                raise ImageError(f"{path}: empty image ({width}x{height})")
            if width * height > max_pixels:
                raise ImageError(
                    f"{path}: image too large ({width}x{height} pixels; the policy allows {max_pixels:,})"
                )
            image.load()
            return image.convert("RGB")
    except ImageError:
        raise
    except UnidentifiedImageError:
        raise ImageError(f"{path}: not a readable image (corrupt or unknown format)") from None
    except Image.DecompressionBombError as exc:
        # Pillow refuses it while reading the header, before our own check can name the size.
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        found = f"{int(pixels.group(1)):,} pixels" if pixels else "more pixels than Pillow accepts"
        raise ImageError(f"{path}: image too large ({found}; the policy allows {max_pixels:,})") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"{path}: corrupt or truncated image ({str(exc).splitlines()[0]})") from None


def check_recorded_digest(path: Path, expected: str) -> None:
    """Refuse a frame whose bytes are no longer those recorded at capture (changed or damaged on disk):
    what it shows is not what was recorded, so it is not anonymized as if it were."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise ImageError(f"{path}: cannot be read ({exc.strerror})") from None
    if digest.hexdigest() != expected:
        raise ImageError(
            f"{path}: its bytes no longer match the sha256 recorded at capture (changed or damaged on disk)"
        )
