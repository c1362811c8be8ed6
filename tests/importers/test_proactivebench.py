import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from proagentbench.corpus import open_corpus
from proagentbench.importers import ImportFormatError, ImportOptions, import_proactivebench
from proagentbench.importers.proactivebench.times import DAY_ONE_US, parse_time
from tests.export.test_card import check_hub_metadata, parse_card

FIXTURE = Path(__file__).resolve().parent / "data" / "proactivebench"  # an excerpt: see its README.md
# The full published set where the machine has it: worktrees live beside ../shared, other checkouts at /work.
SHARED = next(
    (
        path
        for path in (
            Path(__file__).resolve().parents[3] / "shared" / "data" / "proactivebench",
            Path("/work/shared/data/proactivebench"),
        )
        if (path / "reward_test.jsonl").is_file()
    ),
    None,
)


@dataclass(frozen=True)
class Figures:
    """What an import of a ProactiveBench folder must give, counted from its files."""

    reward_points: int
    reward_positives: int
    reward_steps: int  # backward clock steps set to 1 ms
    stream_points: int
    stream_positives: int
    stream_content: int  # positives with candidate tasks
    stream_steps: int  # backward or repeated clock steps set to 1 ms


FIXTURE_FIGURES = Figures(14, 8, 3, 37, 13, 12, 5)
PUBLISHED_FIGURES = Figures(120, 69, 15, 233, 87, 83, 9)  # as docs/export.md states them


def _source_rows(data: Path) -> list[dict]:  # type: ignore[type-arg]
    return [
        json.loads(line) for line in (data / "reward_test.jsonl").read_text().splitlines() if line.strip()
    ]


def _check_reward_import(data: Path, out: Path, figures: Figures) -> None:
    """Counts, labels, and each row's context: exactly its observations, the point 1 µs after the last."""
    result = import_proactivebench(data / "reward_test.jsonl", out, ImportOptions(test_fraction=1.0))
    corpus = open_corpus(out)
    timing = corpus.read("timing").to_pylist()
    source = _source_rows(data)
    assert len(timing) == len(source) == figures.reward_points
    assert sum(row["label"] for row in timing) == sum(row["help_needed"] for row in source)
    assert sum(row["label"] for row in timing) == figures.reward_positives
    assert (result.source_points, result.source_positives) == (
        figures.reward_points,
        figures.reward_positives,
    )
    assert result.adjusted_steps == figures.reward_steps
    assert {row["split"] for row in timing} == {"test"}
    assert corpus.manifest.source == "import:proactivebench" and corpus.manifest.anonymizer is None
    card = (out / "README.md").read_text()
    assert 'license: "apache-2.0"' in card and "thunlp/ProactiveAgent" in card
    meta, sections = parse_card(card)
    check_hub_metadata(meta)
    assert meta["language"] == ["en"]
    assert meta["annotations_creators"] == ["expert-generated"]  # ProactiveBench's human labels
    assert meta["source_datasets"] == ["extended|thunlp/ProactiveAgent"]
    assert {"Source data", "Annotations", "Personal and sensitive information", "Consent", "Limitations",
            "Citation", "Attribution"} <= set(sections)  # fmt: skip
    assert "Lu et al. (2025). *Proactive Agent" in sections["Citation"]
    events = corpus.read("events").to_pylist()
    by_uid = {row["session_uid"]: row for row in timing}
    by_session: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for event in events:
        by_session.setdefault(event["session_uid"], []).append(event)
    for index, row in enumerate(source):
        uid = f"pb-reward-{index:04d}"
        context = [e for e in by_session[uid] if e["t_us"] < by_uid[uid]["t_us"]]
        assert [e["text"] for e in context] == [o["event"] for o in row["obs"]]
        assert {e["kind"] for e in context} == {"observation"}
        assert by_uid[uid]["label"] == row["help_needed"]
        assert by_uid[uid]["t_us"] == context[-1]["t_us"] + 1
    assert len(events) == sum(len(row["obs"]) for row in source)
    day_relative = [e for e in events if DAY_ONE_US <= e["t_us"] < DAY_ONE_US + 30 * 86_400_000_000]
    assert day_relative  # rows with "Day N, H:MM PM" times


def _check_stream_import(data: Path, out: Path, figures: Figures) -> None:
    """One point per observation, its context the observations up to and including it."""
    streams = data / "test_data"
    result = import_proactivebench(streams / "splits.json", out)
    corpus = open_corpus(out)
    timing = corpus.read("timing").to_pylist()
    events = corpus.read("events").to_pylist()
    expected_points = expected_positives = 0
    for path in sorted(streams.glob("*_1?.json")):
        steps = json.loads(path.read_text())
        uid = f"pb-{path.stem}"
        points = sorted((r for r in timing if r["session_uid"] == uid), key=lambda r: r["t_us"])
        stream_events = [e for e in events if e["session_uid"] == uid]
        assert [p["label"] for p in points] == [s["task_status"] for s in steps]
        for index, point in enumerate(points):
            context = [e["text"] for e in stream_events if e["t_us"] < point["t_us"]]
            assert context == [s["observation"]["event"] for s in steps[: index + 1]]
        expected_points += len(steps)
        expected_positives += sum(s["task_status"] for s in steps)
    assert result.source_points == len(timing) == expected_points == figures.stream_points
    assert sum(r["label"] for r in timing) == expected_positives == figures.stream_positives
    assert result.adjusted_steps == figures.stream_steps
    content = corpus.read("content").to_pylist()
    annotations = corpus.read("annotations").to_pylist()
    with_candidates = [a for a in annotations if a["content"]]
    assert all(c["content"] for c in content) and len(content) == figures.stream_content
    themes = {"code": "coding", "writing": "writing"}  # the stream's theme, from its file name
    assert all(c["intent"] == themes[c["session_uid"].split("-")[1].split("_")[0]] for c in content)
    assert len(with_candidates) > len(content)  # negatives keep their candidates in annotations


def _check_seeded_split(data: Path, out: Path, figures: Figures) -> None:
    """A folder imports its reward file; a seeded split keeps every recording on one side."""
    result = import_proactivebench(data, out, ImportOptions(test_fraction=0.5, seed=3))
    assert [p.name for p in result.files] == ["reward_test.jsonl"]
    corpus = open_corpus(out)
    sides = {
        split: set(corpus.read("timing", split).column("user").to_pylist()) for split in ("train", "test")
    }
    assert sides["train"] and sides["test"] and not sides["train"] & sides["test"]
    labels = Counter(corpus.read("timing").column("label").to_pylist())
    negatives = figures.reward_points - figures.reward_positives
    assert labels == Counter({True: figures.reward_positives, False: negatives})
    first_observations = {json.dumps(row["obs"][0]) for row in _source_rows(data)}
    assert len(sides["train"] | sides["test"]) == len(first_observations)  # one user per recording


def test_fixture_holds_what_the_tests_need() -> None:
    rows = _source_rows(FIXTURE)
    assert {row["help_needed"] for row in rows} == {True, False}
    assert len({row["category"] for row in rows}) == 4
    assert any(row["obs"][0]["time"].startswith("Day ") for row in rows)
    groups = json.loads((FIXTURE / "test_data" / "splits.json").read_text())
    assert {name.split("_")[0] for name in groups["real_average"]["files"]} == {"code", "writing"}
    size = sum(path.stat().st_size for path in FIXTURE.rglob("*") if path.is_file())
    assert size < 100_000 and (FIXTURE / "LICENSE").is_file()


def test_reward_set_counts_labels_and_contexts_match_the_source(tmp_path: Path) -> None:
    _check_reward_import(FIXTURE, tmp_path / "corpus", FIXTURE_FIGURES)


def test_event_streams_one_point_per_observation(tmp_path: Path) -> None:
    _check_stream_import(FIXTURE, tmp_path / "corpus", FIXTURE_FIGURES)


def test_folder_and_seeded_split_keep_recordings_together(tmp_path: Path) -> None:
    _check_seeded_split(FIXTURE, tmp_path / "corpus", FIXTURE_FIGURES)


@pytest.mark.skipif(SHARED is None, reason="the full ProactiveBench set is not on this machine")
def test_the_published_set_gives_its_documented_figures(tmp_path: Path) -> None:
    assert SHARED is not None
    _check_reward_import(SHARED, tmp_path / "reward", PUBLISHED_FIGURES)
    _check_stream_import(SHARED, tmp_path / "streams", PUBLISHED_FIGURES)
    _check_seeded_split(SHARED, tmp_path / "split", PUBLISHED_FIGURES)


def test_parse_time() -> None:
    assert parse_time("1717338232.283") == 1_717_338_232_283_000
    assert parse_time(12.5) == 12_500_000
    assert parse_time("Day 1, 12:00 AM") == DAY_ONE_US
    assert parse_time("Day 2, 1:05 PM") == DAY_ONE_US + (86_400 + 13 * 3600 + 300) * 1_000_000
    for bad in ("yesterday", "Day 0, 1:00 PM", "Day 1, 13:00 PM", True, None):
        with pytest.raises(ValueError):
            parse_time(bad)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ('{"obs": [], "help_needed": true}', "line 2: 'obs' must be a non-empty list"),
        ('{"obs": [{"time": "1", "event": "x"}]}', "line 2: missing 'help_needed'"),
        (
            '{"obs": [{"time": "1", "event": "x"}], "help_needed": "yes"}',
            "'help_needed' must be true or false",
        ),
        ('{"obs": [{"time": "soon", "event": "x"}], "help_needed": true}', "line 2 obs 0: time 'soon'"),
        ("[1, 2]", "line 2: a row must be a JSON object"),
    ],
)
def test_malformed_reward_lines_name_their_line(tmp_path: Path, line: str, message: str) -> None:
    source = tmp_path / "reward.jsonl"
    good = json.dumps({"obs": [{"time": "1.0", "event": "a"}], "help_needed": False})
    source.write_text(f"{good}\n{line}\n")
    with pytest.raises(ImportFormatError, match=message):
        import_proactivebench(source, tmp_path / "corpus")
    assert not (tmp_path / "corpus").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_malformed_event_stream_and_missing_inputs(tmp_path: Path) -> None:
    stream = tmp_path / "stream.json"
    stream.write_text(json.dumps([{"observation": {"time": "1", "event": "x"}, "task_status": 1}]))
    with pytest.raises(ImportFormatError, match="item 0: 'task_status' must be true or false"):
        import_proactivebench(stream, tmp_path / "corpus")
    stream.write_text("[\n{")
    with pytest.raises(ImportFormatError, match="stream.json line 2: not valid JSON"):
        import_proactivebench(stream, tmp_path / "corpus")
    with pytest.raises(ImportFormatError, match="no such file"):
        import_proactivebench(tmp_path / "absent.jsonl", tmp_path / "corpus")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ImportFormatError, match="expected a .jsonl"):
        import_proactivebench(tmp_path / "notes.txt", tmp_path / "corpus")
    assert not (tmp_path / "corpus").exists()


def test_backward_clock_keeps_source_order(tmp_path: Path) -> None:
    stream = tmp_path / "s.json"
    steps = [
        {
            "observation": {"time": t, "event": f"e{i}"},
            "agent_response": {"candidate_task": []},
            "task_status": s,
        }
        for i, (t, s) in enumerate([("100.0", True), ("90.0", False), ("90.0", True), ("95.5", False)])
    ]
    stream.write_text(json.dumps(steps))
    result = import_proactivebench(stream, tmp_path / "corpus")
    assert result.adjusted_steps == 2
    times = open_corpus(tmp_path / "corpus").read("events").column("t_us").to_pylist()
    assert times == [100_000_000, 100_001_000, 100_002_000, 105_502_000]  # forward steps kept


def test_default_import_is_a_seeded_train_test_split(tmp_path: Path) -> None:
    """With default options half the recordings go to test (seed 0), every recording on one side, both
    labels on both sides of the fixture, and the same input gives byte-identical files."""
    first = import_proactivebench(FIXTURE, tmp_path / "one")
    again = import_proactivebench(FIXTURE, tmp_path / "two")
    assert first.manifest.files == again.manifest.files
    assert (first.manifest.seed, first.manifest.test_fraction) == (0, 0.5)
    corpus = open_corpus(tmp_path / "one")
    labels = {
        split: Counter(corpus.read("timing", split).column("label").to_pylist())
        for split in ("train", "test")
    }
    assert labels == {"train": Counter({True: 4, False: 2}), "test": Counter({True: 4, False: 4})}
    users = {
        split: set(corpus.read("timing", split).column("user").to_pylist()) for split in ("train", "test")
    }
    assert not users["train"] & users["test"]
    other = import_proactivebench(FIXTURE, tmp_path / "three", ImportOptions(seed=1))
    assert other.manifest.splits != first.manifest.splits  # the seed is what moves recordings
    assert "seed 0, test fraction 0.5" in (tmp_path / "one" / "README.md").read_text()


@pytest.mark.skipif(SHARED is None, reason="the full ProactiveBench set is not on this machine")
def test_the_demo_bundles_the_published_files_unchanged() -> None:
    """`proagent demo` imports `demo/data/proactivebench`: the published files, byte for byte, moved out of
    `test_data/` only (its README says so), with the licence."""
    assert SHARED is not None
    from proagentbench.demo.pipeline import PROACTIVEBENCH as bundled

    published = [SHARED / "reward_test.jsonl", SHARED / "LICENSE", *sorted((SHARED / "test_data").iterdir())]
    assert sorted(p.name for p in bundled.iterdir()) == sorted([p.name for p in published] + ["README.md"])
    for path in published:
        assert (bundled / path.name).read_bytes() == path.read_bytes(), path.name
