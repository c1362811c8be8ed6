"""Errors of the image path, each a clear one-line message."""

from proagentbench.errors import EnvironmentProblem, ExitCode, ProagentError


class ImageError(ProagentError):
    """An image file that is missing, corrupt, truncated, empty or too large."""

    exit_code = ExitCode.BAD_INPUT


class OcrUnavailableError(EnvironmentProblem):
    """Tesseract cannot be run."""
