"""Re-scanning anonymized data for residual PII: texts and images, for a clean store now and a corpus later.

`verify_texts` and `verify_images` take any iterable, so the export stage can run them over a corpus.
Findings show the entity and a masked excerpt, never the full residual value.
"""

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import select

from proagentbench import paths
from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
from proagentbench.anonymizer.events import KEY_KINDS, is_character_key, is_shortcut
from proagentbench.anonymizer.image.analysis import boxes_to_redact, group_lines
from proagentbench.anonymizer.image.fuzzy import KnownValues
from proagentbench.anonymizer.image.loading import load_image
from proagentbench.anonymizer.image.ocr import ocr_words
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.tempdir import ocr_temp_dir
from proagentbench.anonymizer.text import TextScrubber
from proagentbench.progress import SILENT, Advance, Progress
from proagentbench.store import Annotation, Event, Screenshot, Session, Window, open_store


@dataclass(frozen=True)
class VerifyFinding:
    where: str
    entity: str
    excerpt: str

    def to_json(self) -> dict[str, str]:
        return {"where": self.where, "entity": self.entity, "excerpt": self.excerpt}


@dataclass
class VerifyReport:
    texts_checked: int = 0
    images_checked: int = 0
    findings: list[VerifyFinding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.findings


def mask(value: str) -> str:
    if len(value) <= 4:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 4) + value[-2:]


def verification_scrubber(policy: Policy) -> TextScrubber:
    return make_scrubber(ScrubSetup(policy, secrets.token_bytes(32)))


def verify_texts(items: Iterable[tuple[str, str]], scrubber: TextScrubber) -> list[VerifyFinding]:
    """`items` are (where, text) pairs; every PII span found in a text is a finding."""
    findings = []
    for where, text in items:
        for span in scrubber.analyze(text):
            findings.append(VerifyFinding(where, span.entity, mask(text[span.start : span.end])))
    return findings


def verify_images(
    paths_: Iterable[Path], scrubber: TextScrubber, advance: Advance | None = None
) -> list[VerifyFinding]:
    """OCR each image and analyse its lines as the anonymizer would; any PII word is a finding. ``advance``
    (a `Progress` task) counts one per image."""
    policy = scrubber.policy
    findings = []
    nothing_known = KnownValues(())
    for path in paths_:
        image = load_image(path, max_pixels=policy.max_image_pixels)
        words = ocr_words(image, tesseract_cmd=policy.tesseract_cmd)
        flagged = {
            (b.left, b.top, b.right, b.bottom): b.entity
            for b in boxes_to_redact(words, scrubber, nothing_known, mode="pii")
        }
        for line in group_lines(words):
            for word in line:
                entity = flagged.get((word.left, word.top, word.right, word.bottom))
                if entity is not None:
                    findings.append(VerifyFinding(str(path), entity, mask(word.text)))
        if advance is not None:
            advance(1)
    return findings


def verify_store(
    clean_db: Path,
    policy: Policy,
    *,
    images: bool = True,
    progress: Progress | None = None,
) -> VerifyReport:
    """Re-scan a clean store; with ``images``, every screenshot too (a "screenshots" task on ``progress``)."""
    report = VerifyReport()
    # The store is read before the analyzer is built (seconds of start-up): a bad store fails at once.
    engine = open_store(clean_db, read_only=True)
    try:
        with engine.connect() as connection:
            texts = list(_store_texts(connection))
            report.findings.extend(_key_characters(connection))
            shot_paths = [
                paths.screenshots_dir(clean_db) / p
                for p in connection.execute(select(Screenshot.path)).scalars()
            ]
    finally:
        engine.dispose()
    scrubber = verification_scrubber(policy)
    report.texts_checked = len(texts)
    report.findings[:0] = verify_texts(texts, scrubber)
    if images:
        report.images_checked = len(shot_paths)
        advance = (progress or SILENT).task("screenshots", len(shot_paths))
        with ocr_temp_dir(clean_db):
            report.findings.extend(verify_images(shot_paths, scrubber, advance))
    return report


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
        VerifyFinding(f"event {event_id}", "KEY_CHARACTER", mask(char or key or ""))
        for event_id, key, char, modifiers in connection.execute(query.execution_options(yield_per=5000))
        if char is not None or (is_character_key(key) and not is_shortcut(modifiers))
    ]


class PresidioResidualScanner:
    """The export's residual-PII check (an `export.residual_pii.ResidualScanner`): what `proagent verify`
    finds, one text or image at a time."""

    def __init__(self, policy: Policy | None = None) -> None:
        self._policy = policy or Policy()

    @cached_property
    def _scrubber(self) -> TextScrubber:
        # Built on first use, so an export whose store or output is refused fails before seconds of start-up.
        return verification_scrubber(self._policy)

    def scan_text(self, text: str) -> list[str]:
        return [finding.entity for finding in verify_texts([("text", text)], self._scrubber)]

    def scan_image(self, path: Path) -> list[str]:
        with ocr_temp_dir(None):
            return [finding.entity for finding in verify_images([path], self._scrubber)]


def residual_scanner() -> PresidioResidualScanner:
    """Entry point named by the export stage (`proagentbench.export.residual_pii.default_scanner`)."""
    return PresidioResidualScanner()
