"""manifest.json: read and written only here."""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from proagentbench.corpus.format import FORMAT_NAME, FORMAT_VERSION, SUPPORTED_VERSIONS
from proagentbench.errors import ExitCode, ProagentError
from proagentbench.jsonfile import read_document


class CorpusError(ProagentError):
    """A corpus directory that is missing files, corrupt, or of an unknown format version."""

    exit_code = ExitCode.BAD_INPUT


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
    # What privacy flags kept out of an export: flags, cleared, excluded events/screenshots/decision points.
    privacy: dict[str, Any] | None = None
    format: str = FORMAT_NAME
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def load(cls, path: Path) -> "Manifest":
        missing = f"{path.parent}: not a corpus directory (no {path.name})"
        data = read_document(path, FORMAT_NAME, kind="manifest", error=CorpusError, missing=missing)
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
