import json
from pathlib import Path

import pytest

from proagentbench.corpus import CorpusError, CorpusWriter, new_manifest, open_corpus, point_id


def _write_small_corpus(root: Path) -> None:
    with CorpusWriter(root, batch_rows=3) as writer:
        for split, session in (("train", "s1"), ("test", "s2")):
            for index in range(5):
                t_us = 1_000_000 * (index + 1)
                writer.add_row(
                    "timing",
                    split,
                    {
                        "point_id": point_id(session, t_us),
                        "session_uid": session,
                        "user": f"user-{session}",
                        "t_us": t_us,
                        "label": index % 2 == 0,
                        "kind": "positive" if index % 2 == 0 else "hard_negative",
                        "split": split,
                    },
                )
        writer.add_file("images/s1/1.png", b"\x89PNG fake image bytes")
        writer.finish(new_manifest(source="test", split_by="session", seed=1, test_fraction=0.5))


def test_round_trip_with_manifest(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _write_small_corpus(root)
    corpus = open_corpus(root)
    assert corpus.manifest.counts["timing"] == 10
    assert set(corpus.manifest.files) == {"timing/train.parquet", "timing/test.parquet", "images/s1/1.png"}
    assert corpus.read("timing", "train").num_rows == 5
    assert sum(batch.num_rows for batch in corpus.batches("timing", batch_size=2)) == 10
    assert corpus.read("events").num_rows == 0
    assert not any(path.name.startswith(".corpus.partial") for path in tmp_path.iterdir())


def test_loads_with_hugging_face_datasets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    root = tmp_path / "corpus"
    _write_small_corpus(root)
    cache = str(tmp_path / "hf-cache")  # never the user's Hugging Face cache
    loaded = datasets.load_dataset("parquet", data_dir=str(root / "timing"), cache_dir=cache)
    assert loaded["train"].num_rows == 5 and loaded["test"].num_rows == 5
    assert set(loaded["train"].column_names) >= {"point_id", "label", "t_us"}


def test_sha256_mismatch_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _write_small_corpus(root)
    (root / "images/s1/1.png").write_bytes(b"tampered")
    with pytest.raises(CorpusError, match="images/s1/1.png does not match its sha256"):
        open_corpus(root)
    assert open_corpus(root, include_images=False).read("timing").num_rows == 10


def test_missing_file_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _write_small_corpus(root)
    (root / "timing/test.parquet").unlink()
    with pytest.raises(CorpusError, match="timing/test.parquet listed in the manifest is missing"):
        open_corpus(root)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda m: m.update(format_version=99), "format version 99 is not supported"),
        (lambda m: m.update(format="something-else"), "not a proagentbench-corpus manifest"),
        (lambda m: m.pop("counts"), "malformed manifest"),
    ],
)
def test_bad_manifest_is_refused(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "corpus"
    _write_small_corpus(root)
    manifest = json.loads((root / "manifest.json").read_text())
    edit(manifest)
    (root / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CorpusError, match=message):
        open_corpus(root)


def test_not_a_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such corpus directory"):
        open_corpus(tmp_path / "missing")
    with pytest.raises(CorpusError, match="no manifest.json"):
        open_corpus(tmp_path)


def test_failure_while_writing_leaves_nothing_behind(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    with pytest.raises(RuntimeError), CorpusWriter(root) as writer:
        writer.add_file("images/a.png", b"x")
        raise RuntimeError("export failed half-way")
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_overwrite_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "keep.txt").write_text("mine")
    with pytest.raises(CorpusError, match="already exists"):
        CorpusWriter(tmp_path / "corpus")
    assert (tmp_path / "corpus" / "keep.txt").read_text() == "mine"


def _event(session: str, t_us: int, text: str) -> dict[str, object]:
    return {
        "session_uid": session, "t_us": t_us, "kind": "text", "app": "code", "title": "main.py",
        "key": None, "button": None, "x": None, "y": None, "dx": None, "dy": None, "text": text,
        "split": "test",
    }  # fmt: skip


def _timing(session: str, t_us: int) -> dict[str, object]:
    return {
        "point_id": point_id(session, t_us), "session_uid": session, "user": "u", "t_us": t_us,
        "label": True, "kind": "positive", "split": "test",
    }  # fmt: skip


def test_timing_rows_carry_the_event_window_before_them(tmp_path: Path) -> None:
    from proagentbench.corpus.format import CONTEXT_MAX_EVENTS, CONTEXT_WINDOW_S

    second = 1_000_000
    root = tmp_path / "corpus"
    with CorpusWriter(root, batch_rows=7) as writer:
        for index in range(CONTEXT_MAX_EVENTS + 20):  # s1: ten events a second, more than the cap
            writer.add_row("events", "test", _event("s1", index * second // 10, f"e{index}"))
        for t in (0, 100, 400, 700):  # s2: seconds
            writer.add_row("events", "test", _event("s2", t * second, f"s2-{t}"))
        writer.add_row("timing", "test", _timing("s1", (CONTEXT_MAX_EVENTS + 19) * second // 10))
        writer.add_row("timing", "test", _timing("s2", 400 * second))  # the event at the point is in
        writer.add_row("timing", "test", _timing("s2", 399 * second))
        writer.add_row("timing", "test", _timing("s3", 5 * second))  # a session without events
        writer.finish(new_manifest(source="test", split_by="session"))
    rows = open_corpus(root).read("timing").to_pylist()
    contexts = {(row["session_uid"], row["t_us"]): [e["text"] for e in row["context"]] for row in rows}
    capped = contexts[("s1", (CONTEXT_MAX_EVENTS + 19) * second // 10)]
    assert len(capped) == CONTEXT_MAX_EVENTS and capped[-1] == f"e{CONTEXT_MAX_EVENTS + 19}"
    assert capped[0] == "e20"  # the latest events, in time order
    assert CONTEXT_WINDOW_S == 300.0
    assert contexts[("s2", 400 * second)] == ["s2-400"]  # (t - 300 s, t]: 100 s is out, 400 s in
    assert contexts[("s2", 399 * second)] == ["s2-100"]
    assert contexts[("s3", 5 * second)] == []
    first = rows[0]["context"][0]
    assert set(first) == {"t_us", "kind", "app", "title", "key", "text"} and first["app"] == "code"


def test_timing_and_image_features_load_with_datasets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datasets = pytest.importorskip("datasets")
    from proagentbench.devtools.synthetic_corpus import SyntheticSpec, write_synthetic_corpus

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    root = tmp_path / "corpus"
    spec = SyntheticSpec(users=2, sessions_per_user=2, points_per_session=3, images=True)
    write_synthetic_corpus(root, spec)
    cache = str(tmp_path / "hf-cache")
    shots = datasets.load_dataset("parquet", data_dir=str(root / "screenshots"), cache_dir=cache)["test"]
    assert isinstance(shots.features["image"], datasets.Image)
    assert shots[0]["image"].size == (8, 8)  # a decoded PIL image, from the bytes in the table
    timing = datasets.load_dataset("parquet", data_dir=str(root / "timing"), cache_dir=cache)["test"]
    row = timing[0]
    assert row["context"] and {"t_us", "kind", "text"} <= set(row["context"][0])
    assert all(event["t_us"] <= row["t_us"] for event in row["context"])


def test_a_version_1_corpus_is_still_read(tmp_path: Path) -> None:
    """Version 1: `screenshots.image` a path string and no `timing.context`; both still open and read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from proagentbench.benchmark.context import load_screenshots
    from proagentbench.corpus import sha256_file
    from proagentbench.corpus.format import arrow_schema

    root = tmp_path / "old"
    (root / "timing").mkdir(parents=True)
    (root / "screenshots").mkdir()
    (root / "images" / "s1").mkdir(parents=True)
    (root / "images" / "s1" / "0.png").write_bytes(b"\x89PNG old")
    row = _timing("s1", 5)
    timing = pa.Table.from_pylist([row], schema=arrow_schema("timing", 1))
    pq.write_table(timing, root / "timing/test.parquet")
    shot = {"session_uid": "s1", "t_us": 4, "image": "images/s1/0.png", "width": 1, "height": 1,
            "app": None, "title": None, "split": "test"}  # fmt: skip
    schema = arrow_schema("screenshots", 1)
    pq.write_table(pa.Table.from_pylist([shot], schema=schema), root / "screenshots/test.parquet")
    manifest = json.loads(new_manifest(source="test", split_by="session").to_json())
    names = ("timing/test.parquet", "screenshots/test.parquet", "images/s1/0.png")
    files = {n: {"sha256": sha256_file(root / n), "bytes": (root / n).stat().st_size} for n in names}
    manifest.update(format_version=1, files=files)
    (root / "manifest.json").write_text(json.dumps(manifest))
    corpus = open_corpus(root)
    assert corpus.read("timing").column_names == list(arrow_schema("timing", 1).names)
    timeline = load_screenshots(corpus, "test")
    (found,) = timeline.rows(*timeline.span("s1", 0, 10))
    assert corpus.image_path(found["image"]).read_bytes() == b"\x89PNG old"
    # and the current version refuses the same files: its columns differ
    manifest["format_version"] = 2
    (root / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CorpusError, match="not the screenshots table of this corpus format"):
        open_corpus(root)
