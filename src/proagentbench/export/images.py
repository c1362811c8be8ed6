"""Copying redacted screenshots from a clean store into the corpus, checked against the store's sha256."""

import re
from pathlib import Path, PurePosixPath

from proagentbench.corpus import CorpusWriter
from proagentbench.corpus.hashing import sha256_file
from proagentbench.corpus.layout import image_file
from proagentbench.errors import ExitCode, ProagentError

_SAFE_UID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_EXTENSIONS = {"png": "png", "jpeg": "jpg", "jpg": "jpg", "webp": "webp"}


class ScreenshotError(ProagentError):
    """A screenshot listed in the clean store is missing, outside its folder, or not the file recorded."""

    exit_code = ExitCode.BAD_INPUT


def check_session_uid(uid: str) -> str:
    if not _SAFE_UID.match(uid):
        raise ScreenshotError(
            f"session uid {uid!r} cannot name an image folder (letters, digits, . _ - only)"
        )
    return uid


def source_path(screenshots_dir: Path, relative: str) -> Path:
    """The stored path must stay inside the clean store's screenshot folder (never a raw frame elsewhere)."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise ScreenshotError(f"screenshot path {relative!r} points outside {screenshots_dir}")
    return screenshots_dir.joinpath(*pure.parts)


def image_name(session_uid: str, index: int, image_format: str | None, stored_path: str) -> str:
    extension = _EXTENSIONS.get((image_format or "").lower()) or PurePosixPath(stored_path).suffix.lstrip(".")
    return image_file(session_uid, index, extension.lower() or "bin")


def copy_image(writer: CorpusWriter, source: Path, target: str, expected_sha256: str | None) -> None:
    if not source.is_file():
        raise ScreenshotError(f"screenshot {source} listed in the clean store does not exist")
    writer.add_file(target, source)
    if expected_sha256 and sha256_file(writer.staging / target) != expected_sha256.lower():
        raise ScreenshotError(
            f"screenshot {source} does not match the sha256 recorded in the clean store (changed or replaced)"
        )
