"""Raw store in, clean store out: scrubbed rows, redacted owner-only frames, resumable, failures isolated."""

import dataclasses
import hashlib
import json
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from proagentbench import paths
from proagentbench.anonymizer.image.fuzzy import normalise
from proagentbench.anonymizer.image.loading import load_image
from proagentbench.anonymizer.image.ocr import ocr_words
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.run import anonymize_store
from proagentbench.anonymizer.verify import verify_store
from proagentbench.store import list_sessions, open_store
from tests.anonymizer.rawstore import RawStoreBuilder

EMAIL = "maria.keller@example.com"


def _session(raw: RawStoreBuilder, uid: str, *, frames: int = 2) -> int:
    session = raw.add_session(uid, user="jdoe", host="devbox")
    mail = raw.add_window(session, 0, "thunderbird", f"Inbox - {EMAIL} - Thunderbird")
    raw.type_text(session, mail, 1_000, "Dear Maria Keller, my password=Hunter2Secret")
    raw.add_event(session, 1_500, "key_press", window_id=mail, key="c", char="c", modifiers="ctrl")
    raw.add_event(session, 1_600, "key_press", window_id=mail, key="enter")
    base = [f"Inbox - {EMAIL}", "Dear Maria Keller,", "The quarterly report is attached."]
    for index in range(frames):
        raw.add_screenshot(
            session, 2_000 + index, [*base, f"status line {index}"], window_id=mail, size=(900, 220)
        )
    return session


class RecordingProgress:
    """A `proagentbench.progress.Progress` that remembers its tasks and how far each advanced."""

    def __init__(self) -> None:
        self.tasks: dict[str, int | None] = {}
        self.done: dict[str, int] = {}

    def task(self, description: str, total: int | None) -> Callable[[int], None]:
        self.tasks[description], self.done[description] = total, 0

        def advance(count: int) -> None:
            self.done[description] += count

        return advance

    def note(self, message: str) -> None:
        del message


def _clean_rows(db: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(query).fetchall()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_end_to_end_clean_store(raw_store: RawStoreBuilder, policy: Policy, tmp_path: Path) -> None:
    _session(raw_store, "s-one")
    unfinished = raw_store.add_session("s-live", ended=False)
    vault = raw_store.add_window(1, 3_000, "keepassxc", "", excluded=True, geometry=(100, 120, 300, 80))
    raw_store.add_screenshot(1, 3_000, ["Vault entry: Hunter2Secret"], window_id=vault, size=(900, 220))
    raw_store.close()
    del unfinished
    raw_db, clean_db = raw_store.db_path, tmp_path / "clean" / "clean.sqlite"
    raw_before = _digest(raw_db)

    report = anonymize_store(raw_db, clean_db, policy)

    assert report.done == ["s-one"] and report.unfinished == ["s-live"] and not report.failed
    assert _digest(raw_db) == raw_before, "the raw store is never modified"
    [session] = list_sessions(open_store(clean_db, read_only=True))
    assert session.uid == "s-one" and session.state == "anonymized" and session.user.startswith("<USERNAME_")
    settings = json.loads(_clean_rows(clean_db, "SELECT settings FROM sessions")[0][0])
    assert settings["anonymizer"]["version"] and settings["anonymizer"]["policy"]["image_mode"] == "allowlist"
    assert "jdoe" not in json.dumps(settings) and "devbox" not in json.dumps(settings)
    titles = [row[0] for row in _clean_rows(clean_db, "SELECT title FROM windows ORDER BY id")]
    assert titles[0].startswith("Inbox - <EMAIL_") and titles[1] == "[excluded]"
    [typed] = _clean_rows(clean_db, "SELECT text FROM events WHERE kind = 'text'")
    assert "Maria" not in typed[0] and "Hunter2Secret" not in typed[0] and "password=<SECRET_" in typed[0]
    keys = _clean_rows(clean_db, "SELECT key, char FROM events WHERE kind = 'key_press'")
    assert all(char is None for _, char in keys)
    assert {key for key, _ in keys} == {"<char>", "c", "enter"}, "character keys hidden, shortcuts kept"

    shots_dir = paths.screenshots_dir(clean_db)
    shots = [shots_dir / row[0] for row in _clean_rows(clean_db, "SELECT path FROM screenshots ORDER BY t")]
    assert len(shots) == 3
    for shot in shots:
        assert stat.S_IMODE(shot.stat().st_mode) == 0o600
        assert stat.S_IMODE(shot.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(shots_dir.stat().st_mode) == 0o700
    for frame in shots[:2]:  # the first frame is OCR'd in full, the second incrementally
        text = normalise(" ".join(w.text for w in ocr_words(load_image(frame, max_pixels=10**8))))
        assert "keller" not in text and "maria" not in text and "quarterly" in text
    vault_frame = Image.open(shots[2]).convert("RGB")
    assert vault_frame.getpixel((250, 160)) == (0, 0, 0), "the excluded window is blacked out"
    progress = RecordingProgress()
    assert verify_store(clean_db, policy, progress=progress).clean
    assert progress.tasks == {"screenshots": 3} and progress.done == {"screenshots": 3}


def test_interrupted_run_resumes_and_skips_finished_sessions(
    raw_store: RawStoreBuilder, policy: Policy, tmp_path: Path
) -> None:
    _session(raw_store, "first", frames=1)
    _session(raw_store, "second", frames=1)
    raw_store.close()
    clean_db = tmp_path / "clean.sqlite"

    class InterruptAfterOneSession:
        def task(self, description: str, total: int | None) -> Callable[[int], None]:
            return interrupt if description == "sessions" else lambda count: None

        def note(self, message: str) -> None:
            del message

    def interrupt(count: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        anonymize_store(raw_store.db_path, clean_db, policy, progress=InterruptAfterOneSession())
    assert [s.uid for s in list_sessions(open_store(clean_db, read_only=True))] == ["first"]

    report = anonymize_store(raw_store.db_path, clean_db, policy)
    assert report.skipped == ["first"] and report.done == ["second"]
    again = anonymize_store(raw_store.db_path, clean_db, policy)
    assert again.skipped == ["first", "second"] and again.done == []
    assert len(_clean_rows(clean_db, "SELECT id FROM screenshots")) == 2


def test_failing_session_is_reported_and_nothing_is_written(
    raw_store: RawStoreBuilder, policy: Policy, tmp_path: Path
) -> None:
    _session(raw_store, "good", frames=1)
    bad = raw_store.add_session("bad")
    broken = raw_store.shots_dir / "s2" / "broken.png"
    broken.parent.mkdir(mode=0o700)
    broken.write_bytes(b"\x89PNG\r\n\x1a\n truncated")
    raw_store.register_screenshot(bad, 10, Path("s2/broken.png"))
    raw_store.close()
    clean_db = tmp_path / "clean.sqlite"
    leftover = paths.screenshots_dir(clean_db) / "good"
    leftover.mkdir(parents=True)
    (leftover / "junk-from-a-crash.png").write_bytes(b"x")

    report = anonymize_store(raw_store.db_path, clean_db, policy)

    assert report.done == ["good"]
    [failure] = report.failed
    assert failure.uid == "bad" and "corrupt or truncated" in failure.error
    assert [row[0] for row in _clean_rows(clean_db, "SELECT uid FROM sessions")] == ["good"]
    assert not (paths.screenshots_dir(clean_db) / "bad").exists()
    assert not (leftover / "junk-from-a-crash.png").exists()
    assert list((paths.screenshots_dir(clean_db)).iterdir()) == [leftover], "no staging leftovers"


def test_missing_tesseract_fails_sessions_cleanly(
    raw_store: RawStoreBuilder, policy: Policy, tmp_path: Path
) -> None:
    _session(raw_store, "only", frames=1)
    raw_store.close()
    clean_db = tmp_path / "clean.sqlite"
    no_ocr = dataclasses.replace(policy, tesseract_cmd="/nonexistent/bin/tesseract")
    report = anonymize_store(raw_store.db_path, clean_db, no_ocr)
    assert report.done == [] and "tesseract not found" in report.failed[0].error
    assert _clean_rows(clean_db, "SELECT count(*) FROM sessions") == [(0,)]


def test_process_pool_gives_the_same_result_with_incremental_ocr(
    raw_store: RawStoreBuilder, policy: Policy, tmp_path: Path
) -> None:
    _session(raw_store, "pooled", frames=3)
    raw_store.close()
    inline, pooled = tmp_path / "inline.sqlite", tmp_path / "pooled.sqlite"
    inline_report = anonymize_store(raw_store.db_path, inline, policy, workers=1)
    anonymize_store(raw_store.db_path, pooled, policy, workers=2)
    stats = inline_report.stats["pooled"]
    assert stats["full_ocr"] == 1 and stats["incremental_ocr"] == 2, stats
    query = "SELECT sha256 FROM screenshots ORDER BY t"
    assert _clean_rows(inline, query) == _clean_rows(pooled, query)


def test_policy_excluded_app_is_blacked_out(
    raw_store: RawStoreBuilder, policy: Policy, tmp_path: Path
) -> None:
    _session(raw_store, "mail", frames=1)
    raw_store.close()
    clean_db = tmp_path / "clean.sqlite"
    no_mail = dataclasses.replace(policy, excluded_apps=("Thunderbird",))
    anonymize_store(raw_store.db_path, clean_db, no_mail)
    assert _clean_rows(clean_db, "SELECT title, excluded FROM windows") == [("[excluded]", 1)]
    [path] = _clean_rows(clean_db, "SELECT path FROM screenshots")
    frame = Image.open(paths.screenshots_dir(clean_db) / str(path[0])).convert("RGB")
    assert frame.getpixel((400, 100)) == (0, 0, 0) and frame.getpixel((850, 100)) != (0, 0, 0)


def _progress_steps(
    raw_store: RawStoreBuilder, policy: Policy, clean_db: Path, *, frames: int, workers: int
) -> list[tuple[str, int]]:
    """Every advance the bars of one anonymize run get, for a session of ``frames`` small frames."""
    session = raw_store.add_session("s-frames")
    window = raw_store.add_window(session, 0, "mail", "Inbox")
    for index in range(frames):
        raw_store.add_screenshot(
            session, 10 + index, [f"status line {index}"], window_id=window, size=(300, 60)
        )
    raw_store.close()
    steps: list[tuple[str, int]] = []

    class StepProgress(RecordingProgress):
        def task(self, description: str, total: int | None) -> Callable[[int], None]:
            return lambda count: steps.append((description, count))

    anonymize_store(raw_store.db_path, clean_db, policy, workers=workers, progress=StepProgress())
    return steps


def test_frames_advance_one_by_one_in_this_process(
    raw_store: RawStoreBuilder, policy: Policy, tmp_path: Path
) -> None:
    steps = _progress_steps(raw_store, policy, tmp_path / "clean.sqlite", frames=3, workers=1)
    assert steps == [("frames", 1), ("frames", 1), ("frames", 1), ("sessions", 1)]


def test_frames_of_worker_processes_advance_one_by_one(
    raw_store: RawStoreBuilder, policy: Policy, tmp_path: Path
) -> None:
    steps = _progress_steps(raw_store, policy, tmp_path / "clean.sqlite", frames=4, workers=2)
    # The chunk of 4 frames ran in a worker process; its frames reached the bar one at a time, not as one 4.
    assert [count for name, count in steps if name == "frames"] == [1, 1, 1, 1]
    assert ("sessions", 1) in steps
