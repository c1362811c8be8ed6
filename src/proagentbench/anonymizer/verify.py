"""Re-scanning anonymized data for residual PII: texts and images, for a clean store now and a corpus later.

The checks are independent of the anonymizer's decisions (`residual`): known values (the policy's identity,
and with the raw store at hand every value the anonymizer replaced there), high-recall shape checks and a
stronger OCR read; the analyzer runs again as well. `verify_texts` and `verify_images` take any iterable, so
the export stage runs them over a corpus. Findings show the entity, a masked excerpt and the method that
found them, never the full residual value.
"""

import json
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import select

from proagentbench import paths
from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
from proagentbench.anonymizer.events import KEY_KINDS, is_character_key, is_shortcut
from proagentbench.anonymizer.image.analysis import group_lines
from proagentbench.anonymizer.image.loading import load_image
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.residual.finding import TEXT_READ, VerifyFinding, mask
from proagentbench.anonymizer.residual.known import KnownSet, everyday_word, identity_values
from proagentbench.anonymizer.residual.reads import strong_reads
from proagentbench.anonymizer.residual.shapes import shape_findings
from proagentbench.anonymizer.tempdir import ocr_temp_dir
from proagentbench.anonymizer.text import TextScrubber
from proagentbench.progress import SILENT, Advance, Progress
from proagentbench.store import Annotation, Event, Screenshot, Session, Window, open_store

__all__ = ["VerifyFinding", "VerifyReport", "mask", "verify_images", "verify_store", "verify_texts"]


@dataclass
class VerifyReport:
    texts_checked: int = 0
    images_checked: int = 0
    known_values: int = 0
    findings: list[VerifyFinding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.findings


def verification_scrubber(policy: Policy) -> TextScrubber:
    return make_scrubber(ScrubSetup(policy, secrets.token_bytes(32)))


def policy_known_values(policy: Policy) -> KnownSet:
    """The policy's identity values (and this machine's, when the policy adds them), as the anonymizer has."""
    return KnownSet(identity_values(ScrubSetup(policy, b"").identity()))


def verify_texts(
    items: Iterable[tuple[str, str]], scrubber: TextScrubber, known: KnownSet | None = None
) -> list[VerifyFinding]:
    """`items` are (where, text) pairs. A finding is a known value found again, a personal-data shape, or a
    span the analyzer finds (``known`` defaults to the scrubber policy's identity values)."""
    known = policy_known_values(scrubber.policy) if known is None else known
    findings: list[VerifyFinding] = []
    for where, text in items:
        findings.extend(_unique(where, _text_hits(text, scrubber, known), TEXT_READ))
    return findings


def _text_hits(text: str, scrubber: TextScrubber, known: KnownSet) -> Iterator[tuple[str, str, str]]:
    """(method, entity, matched text) for one text or one OCR line."""
    for entity, value in known.in_text(text):
        yield "known-value", entity, value
    for entity, value in shape_findings(text):
        yield "shape", entity, value
    for span in scrubber.analyze(text):
        yield "analyzer", span.entity, text[span.start : span.end]


def _unique(where: str, hits: Iterable[tuple[str, str, str]], read: str) -> Iterator[VerifyFinding]:
    seen: set[tuple[str, str, str]] = set()
    for method, entity, value in hits:
        if (method, entity, value) not in seen:
            seen.add((method, entity, value))
            yield VerifyFinding(where, entity, mask(value), method, read)


def verify_images(
    paths_: Iterable[Path],
    scrubber: TextScrubber,
    advance: Advance | None = None,
    known: KnownSet | None = None,
) -> list[VerifyFinding]:
    """Read each image several ways (`residual.reads`) and check every OCR line as `verify_texts` checks a
    text; known values also match despite OCR noise. A finding keeps the first read that showed it.
    ``advance`` (a `Progress` task) counts one per image."""
    known = policy_known_values(scrubber.policy) if known is None else known
    policy = scrubber.policy
    findings: list[VerifyFinding] = []
    for path in paths_:
        image = load_image(path, max_pixels=policy.max_image_pixels)
        seen: set[tuple[str, str, str]] = set()
        for read, words in strong_reads(image, policy.tesseract_cmd):
            for line in group_lines(words):
                hits = list(_text_hits(" ".join(word.text for word in line), scrubber, known))
                hits.extend(("known-value", entity, value) for entity, value in known.in_line(line))
                for finding in _unique(str(path), hits, read):
                    key = (finding.method, finding.entity, finding.excerpt)
                    if key not in seen:
                        seen.add(key)
                        findings.append(finding)
        if advance is not None:
            advance(1)
    return findings


def verify_store(
    clean_db: Path,
    policy: Policy,
    *,
    images: bool = True,
    progress: Progress | None = None,
    raw_db: Path | None = None,
) -> VerifyReport:
    """Re-scan a clean store; with ``images``, every screenshot too (a "screenshots" task on ``progress``).
    With ``raw_db`` (the raw store it was made from), every value the analyzer finds in the raw store's texts
    and every raw session's user and host name are known values too."""
    report = VerifyReport()
    # The stores are read before the analyzer is built (seconds of start-up): a bad store fails at once.
    texts, keys, shot_paths = _read_clean(clean_db)
    raw_texts, raw_identity = _read_raw(raw_db) if raw_db is not None else ([], [])
    report.findings.extend(keys)
    scrubber = verification_scrubber(policy)
    values = identity_values(ScrubSetup(policy, b"").identity()) + raw_identity
    values.extend(_replaced_values(raw_texts, scrubber))
    known = KnownSet(values)
    report.known_values = len(known)
    report.texts_checked = len(texts)
    report.findings[:0] = verify_texts(texts, scrubber, known)
    if images:
        report.images_checked = len(shot_paths)
        advance = (progress or SILENT).task("screenshots", len(shot_paths))
        with ocr_temp_dir(clean_db):
            report.findings.extend(verify_images(shot_paths, scrubber, advance, known))
    return report


def _read_clean(clean_db: Path) -> tuple[list[tuple[str, str]], list[VerifyFinding], list[Path]]:
    engine = open_store(clean_db, read_only=True)
    try:
        with engine.connect() as connection:
            texts = list(_store_texts(connection))
            keys = _key_characters(connection)
            shots = [
                paths.screenshots_dir(clean_db) / p
                for p in connection.execute(select(Screenshot.path)).scalars()
            ]
    finally:
        engine.dispose()
    return texts, keys, shots


def _read_raw(raw_db: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The raw store's texts and its sessions' user and host names (never written anywhere)."""
    engine = open_store(raw_db, read_only=True)
    try:
        with engine.connect() as connection:
            texts = [text for _, text in _store_texts(connection) if text]
            identity = [
                (value, "IDENTITY")
                for row in connection.execute(select(Session.user, Session.host))
                for value in row
                if value
            ]
    finally:
        engine.dispose()
    return texts, identity


def _replaced_values(texts: Iterable[str], scrubber: TextScrubber) -> list[tuple[str, str]]:
    """What the anonymizer replaced in the raw store: the spans its analyzer finds there (the pseudonym key
    plays no part in which spans are found, so none is needed). A one-word value that is an everyday word and
    no name (a `#reports` channel) is left out: found again elsewhere it is that word, not the value."""
    return [
        (value, span.entity)
        for text in dict.fromkeys(texts)
        for span in scrubber.analyze(text)
        if not everyday_word(value := text[span.start : span.end])
    ]


def _store_texts(connection: Any) -> Iterable[tuple[str, str]]:
    for session_id, user, host, settings in connection.execute(
        select(Session.id, Session.user, Session.host, Session.settings)
    ):
        yield f"session {session_id} user", user
        yield f"session {session_id} host", host
        yield f"session {session_id} settings", _recorder_settings(settings)
    for window_id, title, app in connection.execute(select(Window.id, Window.title, Window.app)):
        yield f"window {window_id} title", title or ""
        yield f"window {window_id} app", app or ""
    query = select(Event.id, Event.text, Event.data).where(
        (Event.text.is_not(None)) | (Event.data.is_not(None))
    )
    for event_id, text, data in connection.execute(query.execution_options(yield_per=5000)):
        if text:
            yield f"event {event_id} text", text
        if data:
            yield f"event {event_id} data", data
    for annotation_id, intent, content in connection.execute(
        select(Annotation.id, Annotation.intent, Annotation.content)
    ):
        for name, value in (("intent", intent), ("content", content)):
            if value:
                yield f"annotation {annotation_id} {name}", value


def _recorder_settings(settings: str | None) -> str:
    """The recorder's part of the settings; the anonymizer's own record (its policy) is not user data."""
    try:
        parsed = json.loads(settings or "{}")
    except ValueError:
        return settings or ""
    if isinstance(parsed, dict) and "anonymizer" in parsed:
        return json.dumps(parsed.get("recorder", {}))
    return settings or ""


def _key_characters(connection: Any) -> list[VerifyFinding]:
    """Key events that still say what was typed: a `char`, or a one-character key without a shortcut
    modifier (the anonymizer writes `<char>` for those)."""
    query = select(Event.id, Event.key, Event.char, Event.modifiers).where(Event.kind.in_(KEY_KINDS))
    return [
        VerifyFinding(f"event {event_id}", "KEY_CHARACTER", mask(char or key or ""), "key-character")
        for event_id, key, char, modifiers in connection.execute(query.execution_options(yield_per=5000))
        if char is not None or (is_character_key(key) and not is_shortcut(modifiers))
    ]


class PresidioResidualScanner:
    """The export's residual-PII check (an `export.residual_pii.ResidualScanner`): what `proagent verify`
    finds with the same independent methods (the policy's identity values, shape checks, the stronger OCR
    read, and the analyzer again), one text or image at a time."""

    def __init__(self, policy: Policy | None = None) -> None:
        self._policy = policy or Policy()

    @cached_property
    def _scrubber(self) -> TextScrubber:
        # Built on first use, so an export whose store or output is refused fails before seconds of start-up.
        return verification_scrubber(self._policy)

    @cached_property
    def _known(self) -> KnownSet:
        return policy_known_values(self._policy)

    def scan_text(self, text: str) -> list[str]:
        return [finding.entity for finding in verify_texts([("text", text)], self._scrubber, self._known)]

    def scan_image(self, path: Path) -> list[str]:
        with ocr_temp_dir(None):
            return [finding.entity for finding in verify_images([path], self._scrubber, known=self._known)]


def residual_scanner() -> PresidioResidualScanner:
    """Entry point named by the export stage (`proagentbench.export.residual_pii.default_scanner`)."""
    return PresidioResidualScanner()
