from pathlib import Path

import pytest

from proagentbench.export.images import ScreenshotError, check_session_uid, image_name, source_path
from proagentbench.export.provenance import annotation_source, anonymizer_of, combine, provenance
from proagentbench.export.rows import exported_key, timing_kind


@pytest.mark.parametrize("relative", ["/etc/passwd", "../raw-screenshots/a.png", "a/../../b.png", ""])
def test_screenshot_paths_may_not_leave_their_folder(tmp_path: Path, relative: str) -> None:
    with pytest.raises(ScreenshotError, match="points outside"):
        source_path(tmp_path, relative)


def test_screenshot_names() -> None:
    assert source_path(Path("/s"), "u1/000.png") == Path("/s/u1/000.png")
    assert image_name("u1", 3, "JPEG", "x/y.jpeg") == "images/u1/3.jpg"
    assert image_name("u1", 0, None, "x/y.webp") == "images/u1/0.webp"
    with pytest.raises(ScreenshotError):
        check_session_uid("../evil")


def test_key_rule_keeps_only_names_of_non_character_keys() -> None:
    assert exported_key("enter", None) == "enter"
    assert exported_key("a", "a") is None
    assert exported_key("a", None) is None  # a single character is a character
    assert exported_key("Key.space", " ") is None  # produced a character
    assert exported_key(None, None) is None


def test_timing_kind() -> None:
    assert timing_kind(True, "moment") == "positive" and timing_kind(False, None) == "negative"
    assert timing_kind(False, "hard_negative") == "hard_negative"


def test_anonymizer_settings_read_defensively_and_combined() -> None:
    good = '{"anonymizer": {"version": "1.2", "policy": {"ocr": true}}}'
    assert anonymizer_of(good) == {"version": "1.2", "policy": {"ocr": True}}
    for bad in ("not json", "[]", '{"anonymizer": "v1"}', None):
        assert anonymizer_of(bad) == {"version": None, "policy": None}
    one = anonymizer_of(good)
    assert combine({"a": one, "b": dict(one)}) == one
    mixed = combine({"a": one, "b": {"version": "1.3", "policy": None}})
    assert mixed is not None and mixed["version"] is None
    assert {v["version"]: v["sessions"] for v in mixed["variants"]} == {"1.2": ["a"], "1.3": ["b"]}
    assert combine({}) is None


def test_annotation_source_keeps_the_recorded_spec_not_the_point_data() -> None:
    spec = {"name": "vlm", "args": {"model": "m"}}
    data = '{"annotator": {"name": "vlm", "args": {"model": "m"}}, "app": "code", "reason": "stuck"}'
    assert annotation_source("vlm", data) == {"source": "vlm", "annotator": spec}
    assert annotation_source("heuristic", '{"settings": {"seed": 1}}') == {
        "source": "heuristic",
        "settings": {"seed": 1},
    }
    for nothing in (None, "not json", "[1]"):
        assert annotation_source("human", nothing) == {"source": "human"}


def test_provenance_groups_sessions_by_what_made_them() -> None:
    one = '{"anonymizer": {"version": "1", "policy": {"ocr": true}, "recognizers": ["home_path"]}}'
    settings = {"b": one, "a": one, "c": '{"anonymizer": {"version": "2", "policy": null}}', "d": "not json"}
    heuristic = [{"source": "heuristic", "settings": {"seed": 0}}]
    result = provenance(settings, {"a": heuristic, "b": heuristic, "c": heuristic})
    by_sessions = {tuple(entry["sessions"]): entry for entry in result}
    assert set(by_sessions) == {("a", "b"), ("c",), ("d",)}
    assert by_sessions[("a", "b")]["anonymizer"]["recognizers"] == ["home_path"]  # the record as written
    assert by_sessions[("a", "b")]["annotations"] == heuristic
    assert by_sessions[("d",)] == {"anonymizer": None, "annotations": [], "sessions": ["d"]}
    assert provenance(settings, {}) == provenance(dict(reversed(settings.items())), {})  # order-free
