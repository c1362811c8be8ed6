"""manifest.json: read and written only here."""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from proagentbench.corpus.format import FORMAT_NAME, FORMAT_VERSION, SUPPORTED_VERSIONS
from proagentbench.errors import ProagentError


class CorpusError(ProagentError):
    """A corpus directory that is missing files, corrupt, or of an unknown format version."""


@dataclass
class FileEntry:
    sha256: str
    bytes: int


@dataclass
class Manifest:
    created_at: str
    generator: str
    source: str
    split_by: str
    seed: int | None
    test_fraction: float | None
    counts: dict[str, int]
    splits: dict[str, dict[str, int]]
    anonymizer: dict[str, Any] | None
    files: dict[str, FileEntry] = field(default_factory=dict)
    # What made the sessions, as their store recorded it (export only; see docs/corpus.md).
    provenance: list[dict[str, Any]] | None = None
    format: str = FORMAT_NAME
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def load(cls, path: Path) -> "Manifest":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CorpusError(f"{path.parent}: not a corpus directory (no {path.name})") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorpusError(f"{path}: unreadable manifest ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise CorpusError(f"{path}: not a {FORMAT_NAME} manifest")
        version = data.get("format_version")
        if version not in SUPPORTED_VERSIONS:
            known = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
            raise CorpusError(
                f"{path}: corpus format version {version!r} is not supported by this proagentbench "
                f"(it reads version {known})"
            )
        try:
            data["files"] = {name: FileEntry(**entry) for name, entry in data.get("files", {}).items()}
            return cls(**data)
        except TypeError as exc:
            raise CorpusError(f"{path}: malformed manifest ({exc})") from None
