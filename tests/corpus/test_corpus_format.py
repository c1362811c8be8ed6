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


def test_loads_with_hugging_face_datasets(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    root = tmp_path / "corpus"
    _write_small_corpus(root)
    loaded = datasets.load_dataset("parquet", data_dir=str(root / "timing"))
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
