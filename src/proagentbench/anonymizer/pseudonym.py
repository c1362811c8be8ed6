"""Pseudonyms that keep contextual integrity: the same value becomes the same placeholder everywhere.

A placeholder is derived from a keyed hash (HMAC-SHA256) of the entity type and the normalised value, so every
session, worker process and later run agrees without shared state, and nobody without the key can test a guess
(`is <PERSON_1a2b3c4d> Maria Keller?`). The key lives beside the raw store, owner-only, and never in the clean
store or an export. A clean store records the key's fingerprint (`key_fingerprint`) and refuses sessions made
with another key, which would give one person two pseudonyms.
"""

import hashlib
import hmac
import secrets
import stat
from pathlib import Path

from proagentbench.anonymizer.entities import SECRET, placeholder_name
from proagentbench.errors import ProagentError
from proagentbench.paths import write_private

KEY_SUFFIX = ".anonymizer-key"
PLACEHOLDER_HEX = 8
FINGERPRINT_LABEL = b"proagentbench pseudonym key fingerprint"  # no NUL: never the message of a pseudonym
FINGERPRINT_HEX = 16


class PseudonymKeyError(ProagentError):
    """The pseudonym key cannot be read or created."""


def key_path(raw_db: Path) -> Path:
    return raw_db.with_name(raw_db.stem + KEY_SUFFIX)


def load_or_create_key(path: Path) -> bytes:
    key = secrets.token_hex(32)
    try:
        write_private(path, (key + "\n").encode(), exclusive=True)
    except FileExistsError:
        return _read_key(path)
    except OSError as exc:
        raise PseudonymKeyError(f"{path}: cannot create the pseudonym key ({exc.strerror})") from None
    return bytes.fromhex(key)


def _read_key(path: Path) -> bytes:
    try:
        mode = path.stat().st_mode
        text = path.read_text().strip()
    except OSError as exc:
        raise PseudonymKeyError(f"{path}: cannot read the pseudonym key ({exc.strerror})") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PseudonymKeyError(f"{path}: the pseudonym key is readable by others; run: chmod 600 {path}")
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise PseudonymKeyError(f"{path}: not a pseudonym key (expected hex)") from None
    if len(key) < 16:
        raise PseudonymKeyError(f"{path}: the pseudonym key is too short")
    return key


def key_fingerprint(key: bytes) -> str:
    """Which key this is, safe to write anywhere: a keyed hash of a fixed label tells nothing of the key (nor
    lets anyone test a guess of a pseudonymized value), yet differs from key to key."""
    return hmac.new(key, FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:FINGERPRINT_HEX]


class Pseudonymizer:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def digest(self, entity: str, value: str) -> str:
        normalised = value.strip() if entity == SECRET else value.strip().casefold()
        message = f"{entity}\x00{normalised}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def placeholder(self, entity: str, value: str) -> str:
        return f"<{placeholder_name(entity)}_{self.digest(entity, value)[:PLACEHOLDER_HEX]}>"

    def hashed(self, entity: str, value: str) -> str:
        return self.digest(entity, value)[:32]
