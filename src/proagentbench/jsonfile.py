"""JSON documents on disk: read one of a named format with one-line errors, write one atomically."""

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from proagentbench.errors import ProagentError
from proagentbench.paths import make_private_dir


def read_document(
    path: Path, format_name: str, *, kind: str, error: type[ProagentError], missing: str | None = None
) -> dict[str, Any]:
    """The JSON object in ``path`` whose ``"format"`` is ``format_name``. A missing, unreadable or foreign
    file raises ``error`` with one line naming the ``kind`` of document (``missing`` replaces the line for a
    file that does not exist). Checking the version is the caller's: each format words it for its readers."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(missing or f"{path}: no such {kind}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error(f"{path}: unreadable {kind} ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != format_name:
        raise error(f"{path}: not a {format_name} {kind}")
    return data


def write_atomic(path: Path, data: Any, *, indent: int = 1) -> None:
    """Write ``data`` as JSON through a temporary file beside ``path`` and a rename, so a crash never leaves
    half a file. The file is owner-only (mkstemp's 0600), and so is a folder created for it; an existing
    folder is the user's and keeps its mode."""
    make_private_dir(path.parent)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=indent)
            handle.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
