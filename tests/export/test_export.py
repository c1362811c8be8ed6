import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from proagentbench.corpus import open_corpus
from proagentbench.export import (
    ExportOptions,
    PatternScanner,
    ResidualPIIError,
    ScreenshotError,
    export_corpus,
)
from proagentbench.store import NotAnonymizedError
from tests.export.conftest import ANONYMIZER, SECRET, StoreSpec, build_clean_store


def _export(db: Path, out: Path, scanner: PatternScanner, **options: object):  # type: ignore[no-untyped-def]
    return export_corpus(db, out, ExportOptions(**options), scanner=scanner)  # type: ignore[arg-type]


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_export_writes_every_table_with_counts(
    clean_db: Path, tmp_path: Path, scanner: PatternScanner
) -> None:
    result = _export(clean_db, tmp_path / "corpus", scanner)
    corpus = open_corpus(tmp_path / "corpus")
    counts = corpus.manifest.counts
    assert counts["sessions"] == 6 and counts["events"] == 6 * 40 and counts["screenshots"] == 12
    assert counts["annotations"] == 24 and counts["timing"] == 24
    assert counts["content"] == 12  # two positives with content per session
    assert corpus.read("events").num_rows == 240
    assert result.stats.users == 3 and result.stats.sessions == 6
    assert corpus.manifest.anonymizer == ANONYMIZER
    assert corpus.manifest.source == "export" and corpus.manifest.split_by == "user"


def test_events_carry_window_and_no_typed_characters(
    clean_db: Path, tmp_path: Path, scanner: PatternScanner
) -> None:
    _export(clean_db, tmp_path / "corpus", scanner)
    events = open_corpus(tmp_path / "corpus").read("events").to_pylist()
    presses = [e for e in events if e["kind"] == "key_press"]
    assert {e["key"] for e in presses} == {None, "enter"}  # the character key 'a' is not exported
    assert all(e["app"] in {"code", "firefox"} and e["title"] for e in events)
    texts = [e["text"] for e in events if e["text"] is not None]
    assert texts and set(texts) == {"hello [PERSON] world"}
    assert all(e["kind"] == "text" for e in events if e["text"] is not None)
    clicks = [e for e in events if e["kind"] == "mouse_click"]
    assert clicks[0]["button"] == "left" and (clicks[0]["x"], clicks[0]["y"]) == (10, 20)


def test_timing_and_content_tables(clean_db: Path, tmp_path: Path, scanner: PatternScanner) -> None:
    _export(clean_db, tmp_path / "corpus", scanner)
    corpus = open_corpus(tmp_path / "corpus")
    timing = corpus.read("timing").to_pylist()
    assert {row["kind"] for row in timing} == {"positive", "hard_negative", "negative"}
    assert sum(row["label"] for row in timing) == 12
    assert all(row["point_id"] == f"{row['session_uid']}@{row['t_us']}" for row in timing)
    content = corpus.read("content").to_pylist()
    assert {row["intent"] for row in content} == {"debugging", "search"}
    assert {row["point_id"] for row in content} <= {row["point_id"] for row in timing}


def test_privacy_flags_are_not_exported_as_decision_points(tmp_path: Path, scanner: PatternScanner) -> None:
    import sqlite3
    from contextlib import closing

    db = build_clean_store(tmp_path / "clean.sqlite")
    with closing(sqlite3.connect(db)) as connection, connection:
        session_id, t = connection.execute("SELECT session_id, MIN(t) FROM annotations").fetchone()
        connection.execute(
            "INSERT INTO annotations (session_id, t, label, kind, source, data, created_at) "
            "VALUES (?, ?, 1, 'privacy', 'vlm', '{\"end\": 0}', 0)",
            (session_id, t - 1),
        )
    _export(db, tmp_path / "corpus", scanner)
    timing = open_corpus(tmp_path / "corpus").read("timing").to_pylist()
    assert {row["kind"] for row in timing} == {"positive", "hard_negative", "negative"}
    assert sum(row["label"] for row in timing) == 12


def test_images_are_copied_and_referenced(clean_db: Path, tmp_path: Path, scanner: PatternScanner) -> None:
    _export(clean_db, tmp_path / "corpus", scanner)
    corpus = open_corpus(tmp_path / "corpus")
    shots = corpus.read("screenshots").to_pylist()
    assert len(shots) == 12
    for shot in shots:
        path, data = shot["image"]["path"], shot["image"]["bytes"]
        assert path.startswith(f"images/{shot['session_uid']}/")
        assert (corpus.root / path).read_bytes() == data and data[:4] == b"\x89PNG"  # embedded as the file
        assert path in corpus.manifest.files


@pytest.mark.parametrize("split_by", ["user", "session"])
def test_splits_are_disjoint_and_both_non_empty(
    clean_db: Path, tmp_path: Path, scanner: PatternScanner, split_by: str
) -> None:
    _export(clean_db, tmp_path / "corpus", scanner, split_by=split_by, test_fraction=0.3, seed=7)
    corpus = open_corpus(tmp_path / "corpus")
    key = "user" if split_by == "user" else "session_uid"
    sides = {
        split: set(corpus.read("sessions", split).column(key).to_pylist()) for split in ("train", "test")
    }
    assert sides["train"] and sides["test"] and not sides["train"] & sides["test"]
    for table in ("events", "timing", "screenshots"):
        for split in ("train", "test"):
            rows = corpus.read(table, split).to_pylist()
            sessions = set(corpus.read("sessions", split).column("session_uid").to_pylist())
            assert {row["session_uid"] for row in rows} <= sessions
            assert {row["split"] for row in rows} <= {split}
    assert corpus.manifest.splits["train"]["sessions"] + corpus.manifest.splits["test"]["sessions"] == 6


def test_same_seed_gives_byte_identical_files(
    clean_db: Path, tmp_path: Path, scanner: PatternScanner
) -> None:
    first = _export(clean_db, tmp_path / "one", scanner, seed=3).manifest
    second = _export(clean_db, tmp_path / "two", scanner, seed=3).manifest
    assert first.files == second.files  # every sha256, parquet, images and card alike
    other = _export(clean_db, tmp_path / "three", scanner, seed=4, split_by="session").manifest
    assert other.files["README.md"] != first.files["README.md"]


def test_manifest_sha256_detects_tampering(clean_db: Path, tmp_path: Path, scanner: PatternScanner) -> None:
    _export(clean_db, tmp_path / "corpus", scanner)
    path = next((tmp_path / "corpus" / "timing").glob("*.parquet"))
    table = pq.read_table(path)
    pq.write_table(table.slice(1), path)
    from proagentbench.corpus import CorpusError

    with pytest.raises(CorpusError, match="does not match its sha256"):
        open_corpus(tmp_path / "corpus")


def test_dataset_card_front_matter_and_hugging_face_loading(
    clean_db: Path, tmp_path: Path, scanner: PatternScanner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    yaml = pytest.importorskip("yaml")
    datasets = pytest.importorskip("datasets")
    root = tmp_path / "corpus"
    _export(clean_db, root, scanner, test_fraction=0.4, seed=1)
    card = (root / "README.md").read_text()
    _, front, body = card.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["license"] == "cc-by-4.0" and "text-classification" in meta["task_categories"]
    configs = {c["config_name"]: c for c in meta["configs"]}
    assert set(configs) == {"timing", "content", "events", "sessions", "screenshots", "annotations"}
    assert {f["split"] for f in configs["timing"]["data_files"]} == {"train", "test"}
    assert "burstiness B" in body and "| users | 3 |" in body
    expected = open_corpus(root).read("timing", "test").num_rows
    cache = str(tmp_path / "hf-cache")  # never the user's Hugging Face cache
    by_dir = datasets.load_dataset("parquet", data_dir=str(root / "timing"), cache_dir=cache)
    by_name = datasets.load_dataset(str(root), "timing", cache_dir=cache)
    assert by_dir["test"].num_rows == by_name["test"].num_rows == expected
    assert by_name["train"].num_rows + expected == 24
    default = datasets.load_dataset(str(root), cache_dir=cache)  # the card's default config: timing
    assert default["test"].num_rows == expected and "context" in default["test"].column_names
    shots = datasets.load_dataset(str(root), "screenshots", cache_dir=cache)
    assert isinstance(shots["train"].features["image"], datasets.Image)
    assert shots["train"][0]["image"].size == (64, 48)


def test_raw_sessions_are_refused_and_nothing_written(tmp_path: Path, scanner: PatternScanner) -> None:
    db = build_clean_store(tmp_path / "clean" / "clean.sqlite", StoreSpec(raw_sessions=2))
    with pytest.raises(NotAnonymizedError, match=r"2 session\(s\) are not anonymized: s000a \(raw\)"):
        _export(db, tmp_path / "corpus", scanner)
    assert not (tmp_path / "corpus").exists() and _leftovers(tmp_path) == []


def test_residual_pii_fails_and_removes_output(tmp_path: Path, scanner: PatternScanner) -> None:
    db = build_clean_store(tmp_path / "clean" / "clean.sqlite", StoreSpec(planted_title=f"Inbox {SECRET}"))
    with pytest.raises(ResidualPIIError) as caught:
        _export(db, tmp_path / "corpus", scanner)
    assert caught.value.total > 0
    locations = {finding.location.split(" row ")[0] for finding in caught.value.findings}
    assert locations & {"events/train.parquet", "events/test.parquet"}
    assert all(finding.entity == "PLANTED" for finding in caught.value.findings)
    assert SECRET not in str(caught.value)  # the report names places, never the value
    assert not (tmp_path / "corpus").exists() and _leftovers(tmp_path) == []


def test_unusable_scanners_are_refused() -> None:
    from proagentbench.export import ScannerUnavailableError, load_scanner

    with pytest.raises(ScannerUnavailableError, match="cannot import module 'proagentbench.no_such_module'"):
        load_scanner("proagentbench.no_such_module:residual_scanner")
    with pytest.raises(
        ScannerUnavailableError, match="has no attribute 'nothing_here'.*nothing was exported"
    ):
        load_scanner("proagentbench.export.residual_pii:nothing_here")
    with pytest.raises(
        ScannerUnavailableError, match="unknown residual-PII scanner 'nonesuch'; use one of presidio"
    ):
        load_scanner("nonesuch")
    with pytest.raises(ScannerUnavailableError, match="cannot be created"):
        load_scanner("proagentbench.corpus.splits:group_score")
    with pytest.raises(ScannerUnavailableError, match="does not provide scan_text"):
        load_scanner("proagentbench.export:ExportOptions")


def test_failure_mid_export_leaves_nothing(clean_db: Path, tmp_path: Path, scanner: PatternScanner) -> None:
    victim = sorted((clean_db.parent / "clean-screenshots").rglob("*.png"))[-1]
    victim.unlink()
    with pytest.raises(ScreenshotError, match="does not exist"):
        _export(clean_db, tmp_path / "corpus", scanner)
    assert not (tmp_path / "corpus").exists() and _leftovers(tmp_path) == []


def test_replaced_screenshot_is_refused(clean_db: Path, tmp_path: Path, scanner: PatternScanner) -> None:
    victim = sorted((clean_db.parent / "clean-screenshots").rglob("*.png"))[0]
    victim.write_bytes(victim.read_bytes() + b"unredacted")
    with pytest.raises(ScreenshotError, match="does not match the sha256"):
        _export(clean_db, tmp_path / "corpus", scanner)
    assert not (tmp_path / "corpus").exists()


def test_unknown_anonymizer_settings_are_reported(tmp_path: Path, scanner: PatternScanner) -> None:
    db = build_clean_store(tmp_path / "clean" / "clean.sqlite", StoreSpec(settings={"other": 1}))
    result = _export(db, tmp_path / "corpus", scanner)
    assert result.manifest.anonymizer == {"version": None, "policy": None}
    assert result.warnings and "no anonymizer version" in result.warnings[0]


def test_bad_inputs(tmp_path: Path, scanner: PatternScanner, clean_db: Path) -> None:
    from proagentbench.errors import ProagentError

    with pytest.raises(ProagentError, match="no such store"):
        _export(tmp_path / "missing.sqlite", tmp_path / "corpus", scanner)
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"definitely not sqlite")
    with pytest.raises(ProagentError, match="not a SQLite database"):
        _export(corrupt, tmp_path / "corpus", scanner)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    with pytest.raises(ProagentError, match="already exists"):
        _export(clean_db, busy, scanner)
    assert (busy / "keep.txt").read_text() == "mine"
    with pytest.raises(ProagentError, match="--test-fraction"):
        _export(clean_db, tmp_path / "corpus", scanner, test_fraction=1.5)
    with pytest.raises(ProagentError, match="--split-by"):
        _export(clean_db, tmp_path / "corpus", scanner, split_by="host")
    assert corrupt.read_bytes() == b"definitely not sqlite"
    assert not (tmp_path / "corpus").exists()


def test_export_reads_the_store_without_changing_it(
    clean_db: Path, tmp_path: Path, scanner: PatternScanner
) -> None:
    before = clean_db.read_bytes()
    _export(clean_db, tmp_path / "corpus", scanner)
    assert clean_db.read_bytes() == before
    manifest = json.loads((tmp_path / "corpus" / "manifest.json").read_text())
    assert manifest["format_version"] == 2 and manifest["seed"] == 0


def test_store_without_sessions_is_refused(tmp_path: Path, scanner: PatternScanner) -> None:
    from proagentbench.export import EmptyStoreError
    from proagentbench.store import open_store

    db = tmp_path / "clean" / "empty.sqlite"
    open_store(db, create=True).dispose()
    with pytest.raises(EmptyStoreError, match="no sessions"):
        _export(db, tmp_path / "corpus", scanner)
    assert not (tmp_path / "corpus").exists()


class _RedFrameScanner:
    """Flags a frame whose first pixel has the planted colour: images really pass through the scanner."""

    def scan_text(self, text: str) -> list[str]:
        del text
        return []

    def scan_image(self, path: Path) -> list[str]:
        from PIL import Image

        with Image.open(path) as image:
            return ["FACE"] if image.convert("RGB").getpixel((0, 0)) == (0, 100, 199) else []


def test_residual_pii_in_an_image_fails_the_export(clean_db: Path, tmp_path: Path) -> None:
    with pytest.raises(ResidualPIIError) as caught:
        export_corpus(clean_db, tmp_path / "corpus", ExportOptions(), scanner=_RedFrameScanner())
    assert [str(f) for f in caught.value.findings] == ["images/s001a/0.png: FACE"]
    assert not (tmp_path / "corpus").exists() and _leftovers(tmp_path) == []


def test_missing_pyarrow_is_a_clear_error(
    clean_db: Path, tmp_path: Path, scanner: PatternScanner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from proagentbench.errors import MissingDependencyError

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real_find_spec(name, *a)
    )
    with pytest.raises(MissingDependencyError, match=r"proagentbench\[bench\]"):
        _export(clean_db, tmp_path / "corpus", scanner)
    assert not (tmp_path / "corpus").exists()


class _RecordingProgress:
    """Keeps every task the export starts and how far each was advanced."""

    def __init__(self) -> None:
        self.tasks: dict[str, list[int | None]] = {}

    def task(self, description: str, total: int | None):  # type: ignore[no-untyped-def]
        counts = self.tasks.setdefault(description, [total, 0])

        def advance(count: int) -> None:
            counts[1] = (counts[1] or 0) + count

        return advance

    def note(self, message: str) -> None:
        del message


def test_progress_shows_every_phase_to_completion(
    clean_db: Path, tmp_path: Path, scanner: PatternScanner
) -> None:
    progress = _RecordingProgress()
    export_corpus(clean_db, tmp_path / "corpus", ExportOptions(), scanner=scanner, progress=progress)
    assert progress.tasks == {"events": [240, 240], "statistics": [1, 1], "residual PII check": [1, 1]}


@pytest.mark.parametrize(
    "recorded",
    [
        {"annotator": {"name": "heuristic", "args": {"seed": 0, "min_gap_s": 90.0}}},  # a registry spec
        {"settings": {"seed": 0, "min_gap_s": 90.0}},  # what the heuristic wrote before it was a plugin
    ],
)
def test_manifest_records_what_made_each_session(
    tmp_path: Path, scanner: PatternScanner, recorded: dict[str, object]
) -> None:
    db = build_clean_store(
        tmp_path / "clean" / "clean.sqlite", StoreSpec(annotation_data={"app": "code", **recorded})
    )
    manifest = _export(db, tmp_path / "corpus", scanner).manifest
    uids = sorted(open_corpus(tmp_path / "corpus").read("sessions").column("session_uid").to_pylist())
    assert manifest.provenance == [
        {"anonymizer": ANONYMIZER, "annotations": [{"source": "heuristic", **recorded}], "sessions": uids}
    ]  # the per-point `app` is not a spec and stays out
    stored = json.loads((tmp_path / "corpus" / "manifest.json").read_text())["provenance"]
    assert stored == manifest.provenance and open_corpus(tmp_path / "corpus").manifest.provenance == stored


def test_provenance_names_only_what_the_store_recorded(tmp_path: Path, scanner: PatternScanner) -> None:
    db = build_clean_store(tmp_path / "clean" / "clean.sqlite", StoreSpec(settings={"other": 1}))
    manifest = _export(db, tmp_path / "corpus", scanner).manifest
    assert manifest.provenance is not None and len(manifest.provenance) == 1
    assert manifest.provenance[0]["anonymizer"] is None
    assert manifest.provenance[0]["annotations"] == [{"source": "heuristic"}]
