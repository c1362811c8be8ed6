"""Words the text side found in a frame's window title are redacted in that frame too (its title bar, a
header that shows them apart or reordered), not only where the whole value is spelt out again."""

from pathlib import Path

from proagentbench import paths
from proagentbench.anonymizer.image.analysis import boxes_to_redact, title_words
from proagentbench.anonymizer.image.fuzzy import KnownValues, normalise
from proagentbench.anonymizer.image.loading import load_image
from proagentbench.anonymizer.image.ocr import Word, ocr_words
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.run import anonymize_store
from proagentbench.anonymizer.text import TextScrubber
from tests.anonymizer.rawstore import RawStoreBuilder

TITLE_EMAIL = "quorvex.zbigniewska@example.com"


def test_title_words_are_the_runs_of_the_found_values() -> None:
    assert title_words(["quorvex.zbigniewska@example.com", "Al"]) == {
        "quorvex",
        "zbigniewska",
        "example",
        "com",
    }


def test_an_accented_title_word_matches_its_read_without_accents(scrubber: TextScrubber) -> None:
    line = [Word(t, i * 100, 0, 90, 20, 95.0, (0,)) for i, t in enumerate(["Reply", "to", "Kovarova"])]
    boxes = boxes_to_redact(
        line, scrubber, KnownValues(()), mode="pii", title_words=title_words(["Kovářová"])
    )
    assert [(box.left, box.entity) for box in boxes] == [(200, "WINDOW_TITLE")]


def test_a_word_of_a_title_value_is_flagged_on_its_own(scrubber: TextScrubber) -> None:
    line = [Word(t, i * 100, 0, 90, 20, 95.0, (0,)) for i, t in enumerate(["Reply", "to", "Zbigniewska,"])]
    boxes = boxes_to_redact(
        line, scrubber, KnownValues([TITLE_EMAIL]), mode="pii", title_words=title_words([TITLE_EMAIL])
    )
    assert [(box.left, box.entity) for box in boxes] == [(200, "WINDOW_TITLE")]


def test_anonymize_redacts_the_title_values_words_in_that_windows_frames(
    raw_store: RawStoreBuilder, policy: Policy, tmp_path: Path
) -> None:
    session = raw_store.add_session("titled")
    mail = raw_store.add_window(session, 0, "thunderbird", f"Inbox - {TITLE_EMAIL} - Thunderbird")
    lines = ["Inbox - Zbigniewska Quorvex - Thunderbird", "Reply to Zbigniewska about the rollout"]
    source = raw_store.add_screenshot(session, 1_000, lines, window_id=mail, size=(900, 120))
    before = normalise(" ".join(w.text for w in ocr_words(load_image(source, max_pixels=10**8))))
    assert "zbigniewska" in before and "quorvex" in before
    clean_db = tmp_path / "clean.sqlite"
    assert anonymize_store(raw_store.db_path, clean_db, policy).done == ["titled"]
    [frame] = sorted(paths.screenshots_dir(clean_db).rglob("*.png"))
    after = normalise(" ".join(w.text for w in ocr_words(load_image(frame, max_pixels=10**8))))
    assert "zbigniewska" not in after and "quorvex" not in after
    assert "rollout" in after and "reply" in after
