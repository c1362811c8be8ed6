"""The residual-PII check run over an export before it is published, behind a small scanner seam.

A scanner answers, for one text or one image, which kinds of personal data it still finds there. The
default scanner comes from the anonymizer (``proagentbench.anonymizer.verify.residual_scanner()``), imported
only when an export runs; `--scanner NAME` plugs in another through the registry (kind ``scanners``).
Findings name the place and the entity type, never the value, so the report itself leaks nothing.
"""

import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from proagentbench import plugins
from proagentbench.corpus.format import CARD_NAME, IMAGES_DIR, TABLES
from proagentbench.corpus.layout import table_path, written_splits
from proagentbench.errors import EnvironmentProblem, MissingDependencyError, ProagentError

DEFAULT_SCANNER = "presidio"
REPORT_LIMIT = 50
_CACHE_SIZE = 100_000

# Columns that hold identifiers or closed vocabularies written by the toolkit itself, not user data.
STRUCTURAL_COLUMNS = frozenset(
    {"session_uid", "point_id", "split", "kind", "source", "image", "key", "button"}
)


@runtime_checkable
class ResidualScanner(Protocol):
    def scan_text(self, text: str) -> Sequence[str]:
        """Entity types (e.g. EMAIL_ADDRESS) still present in ``text``; empty when clean."""
        ...

    def scan_image(self, path: Path) -> Sequence[str]:
        """Entity types still readable in the image at ``path``; empty when clean."""
        ...


@dataclass(frozen=True)
class ResidualFinding:
    location: str
    entity: str

    def __str__(self) -> str:
        return f"{self.location}: {self.entity}"


class ScannerUnavailableError(EnvironmentProblem):
    """No residual-PII scanner can be loaded, so nothing may be exported."""


class ResidualPIIError(ProagentError):
    """Personal data survived into the export; the partial output has been removed."""

    def __init__(self, findings: list[ResidualFinding], total: int, out: Path) -> None:
        self.findings = findings
        self.total = total
        first = findings[0] if findings else "?"
        super().__init__(
            f"residual personal data in the export: {total} finding(s), first {first}; "
            f"nothing was written to {out}"
        )


class PatternScanner:
    """A text-only scanner from named regular expressions (for rules the user knows, and for tests)."""

    def __init__(self, patterns: Mapping[str, str]) -> None:
        self._patterns = {entity: re.compile(pattern) for entity, pattern in patterns.items()}

    def scan_text(self, text: str) -> list[str]:
        return [entity for entity, pattern in self._patterns.items() if pattern.search(text)]

    def scan_image(self, path: Path) -> list[str]:
        del path
        return []


def default_scanner() -> ResidualScanner:
    return load_scanner(DEFAULT_SCANNER)


def load_scanner(spec: str) -> ResidualScanner:
    """A scanner by registry name (kind ``scanners``: built-in, entry point or ``module:attr``): a scanner
    object, or a factory/class that returns one when called."""
    try:
        target = plugins.load_attribute("scanners", spec)
    except plugins.PluginDependencyError as exc:
        raise MissingDependencyError(exc.missing, "anonymize") from None
    except plugins.PluginError as exc:
        raise ScannerUnavailableError(
            f"{exc}; an export is only written after this check, so nothing was exported"
        ) from None
    scanner = target
    if isinstance(target, type) or not isinstance(target, ResidualScanner):
        try:
            scanner = target()
        except TypeError as exc:
            raise ScannerUnavailableError(f"residual-PII scanner {spec} cannot be created ({exc})") from None
    if not isinstance(scanner, ResidualScanner):
        raise ScannerUnavailableError(
            f"residual-PII scanner {spec} does not provide scan_text(text) and scan_image(path)"
        )
    return scanner


def scan_corpus(root: Path, scanner: ResidualScanner) -> tuple[list[ResidualFinding], int]:
    """Scan every text cell, the card and every image under ``root``; returns (first findings, total)."""
    findings: list[ResidualFinding] = []
    total = 0
    for location, entities in _scan_all(root, scanner):
        for entity in entities:
            total += 1
            if len(findings) < REPORT_LIMIT:
                findings.append(ResidualFinding(location, entity))
    return findings, total


def _scan_all(root: Path, scanner: ResidualScanner) -> Iterator[tuple[str, Sequence[str]]]:
    cache: OrderedDict[str, Sequence[str]] = OrderedDict()

    def scan_cached(text: str) -> Sequence[str]:
        if text in cache:
            cache.move_to_end(text)
            return cache[text]
        found = list(scanner.scan_text(text))
        cache[text] = found
        if len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
        return found

    for table in TABLES:
        for split in written_splits(root, table):
            yield from _scan_parquet(root, table_path(root, table, split), scan_cached)
    card = root / CARD_NAME
    if card.is_file():
        yield CARD_NAME, scanner.scan_text(card.read_text(encoding="utf-8"))
    images = root / IMAGES_DIR
    if images.is_dir():
        for entry in sorted(images.iterdir()):  # one session folder's paths in memory at a time
            files = [entry] if entry.is_file() else sorted(p for p in entry.rglob("*") if p.is_file())
            for image in files:
                yield image.relative_to(root).as_posix(), scanner.scan_image(image)


def _scan_parquet(
    root: Path, path: Path, scan: Callable[[str], Sequence[str]]
) -> Iterator[tuple[str, Sequence[str]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    columns = [
        field.name
        for field in parquet.schema_arrow
        if pa.types.is_string(field.type) and field.name not in STRUCTURAL_COLUMNS
    ]
    if not columns:
        return
    name = path.relative_to(root).as_posix()
    offset = 0
    for batch in parquet.iter_batches(batch_size=10_000, columns=columns):
        for column in columns:
            for index, value in enumerate(batch.column(column).to_pylist()):
                if value:
                    found = scan(value)
                    if found:
                        yield f"{name} row {offset + index} column {column}", found
        offset += batch.num_rows
