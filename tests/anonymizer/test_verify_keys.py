"""`verify` flags any key event of a clean store that still says which character was typed."""

import sqlite3
from pathlib import Path

import pytest

from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.run import anonymize_store
from proagentbench.anonymizer.verify import verify_store
from tests.anonymizer.rawstore import RawStoreBuilder


def _clean_store(raw: RawStoreBuilder, tmp_path: Path, policy: Policy) -> Path:
    session = raw.add_session("keys")
    window = raw.add_window(session, 0, "xterm", "notes")
    raw.type_text(session, window, 1_000, "ok")
    raw.add_event(session, 2_000, "key_press", window_id=window, key="c", char="c", modifiers="ctrl")
    raw.close()
    clean = tmp_path / "clean.sqlite"
    report = anonymize_store(raw.db_path, clean, policy, workers=1)
    assert report.done == ["keys"]
    return clean


def _plant(clean: Path, key: str, modifiers: str | None, char: str | None = None) -> None:
    with sqlite3.connect(clean) as connection:
        session_id, window_id = connection.execute("SELECT session_id, window_id FROM events").fetchone()
        connection.execute(
            "INSERT INTO events (session_id, t, kind, window_id, key, char, modifiers, pressed) "
            "VALUES (?, 9, 'key_press', ?, ?, ?, ?, 1)",
            (session_id, window_id, key, char, modifiers),
        )


@pytest.mark.parametrize(
    ("key", "modifiers", "char"),
    [
        ("a", None, None),  # a character key without its char column is still the character
        ("@", "alt_gr", None),  # AltGr types characters
        ("€", "alt_gr+shift", None),
        ("A", "shift", None),
        ("<char>", None, "x"),  # a char left beside the placeholder
    ],
)
def test_verify_flags_a_character_key_left_in_a_clean_store(
    raw_store: RawStoreBuilder,
    tmp_path: Path,
    policy: Policy,
    key: str,
    modifiers: str | None,
    char: str | None,
) -> None:
    clean = _clean_store(raw_store, tmp_path, policy)
    assert verify_store(clean, policy, images=False).clean, "the anonymizer leaves no character key"
    _plant(clean, key, modifiers, char)
    findings = verify_store(clean, policy, images=False).findings
    assert [f.entity for f in findings] == ["KEY_CHARACTER"]
    assert [f.method for f in findings] == ["key-character"]


@pytest.mark.parametrize("modifiers", ["ctrl", "alt", "cmd", "ctrl+shift", "alt_gr+ctrl"])
def test_verify_accepts_shortcut_keys(
    raw_store: RawStoreBuilder, tmp_path: Path, policy: Policy, modifiers: str
) -> None:
    clean = _clean_store(raw_store, tmp_path, policy)
    _plant(clean, "v", modifiers)
    assert verify_store(clean, policy, images=False).clean
