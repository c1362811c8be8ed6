"""Opening screenshots safely: corrupt, truncated, empty and oversized files become one clear ImageError."""

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
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageError(f"{path}: corrupt or truncated image ({str(exc).splitlines()[0]})") from None
