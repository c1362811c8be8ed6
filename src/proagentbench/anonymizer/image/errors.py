"""Errors of the image path, each a clear one-line message."""

from proagentbench.errors import ProagentError


class ImageError(ProagentError):
    """An image file that is missing, corrupt, truncated, empty or too large."""


class OcrUnavailableError(ProagentError):
    """Tesseract cannot be run."""
