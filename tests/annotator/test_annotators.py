"""Annotators enter like every other component: a built-in name, module:attr or an entry point; every label
records the spec that made it, and the spec rebuilds the same labels."""

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from proagentbench.annotator import annotate_store, build_annotator
from proagentbench.plugins import PluginError, Spec
from tests.helpers import install_entry_point, run_proagent

HERE = Path(__file__).parent


@pytest.fixture
def clean(sample_raw: Path, tmp_path: Path) -> Path:
    """The session's sample store (tests/annotator/conftest.py) without its frames, marked anonymized."""
    copy = tmp_path / "clean.sqlite"
    shutil.copyfile(sample_raw, copy)
    with sqlite3.connect(copy) as connection:  # stands in for the anonymizer's state change
        connection.execute("UPDATE sessions SET state = 'anonymized'")
    return copy


def _rows(db: Path) -> list[tuple[str, int, int, str, float | None, str]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT source, session_id, t, kind, confidence, data FROM annotations "
            "ORDER BY source, session_id, t"
        ).fetchall()


def _proagent(*args: str) -> subprocess.CompletedProcess[str]:
    return run_proagent(*args, python_path=[HERE])


def test_labels_record_the_full_spec_and_it_rebuilds_the_same_labels(clean: Path, tmp_path: Path) -> None:
    annotate_store(clean, Spec("heuristic", {"seed": 7}))
    rows = _rows(clean)
    assert rows and {row[0] for row in rows} == {"heuristic"}
    recorded = json.loads(rows[0][5])["annotator"]
    assert recorded["name"] == "heuristic"
    assert recorded["args"]["seed"] == 7 and recorded["args"]["negatives_per_positive"] == 2.0
    assert "assistant_pattern" in recorded["args"]

    again = tmp_path / "again.sqlite"
    shutil.copyfile(clean, again)
    with sqlite3.connect(again) as connection:
        connection.execute("DELETE FROM annotations")
    annotate_store(again, Spec.from_json(recorded))
    assert [row[:5] for row in _rows(again)] == [row[:5] for row in rows]


def test_a_module_attr_annotator_adds_its_own_source_beside_the_heuristic(
    clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(HERE))
    annotate_store(clean)
    heuristic = _rows(clean)
    totals = annotate_store(clean, Spec("plugin_annotators:every_focus", {"tag": "t1"}))
    rows = _rows(clean)
    plugin = [row for row in rows if row[0] == "every-focus-t1"]
    assert len(plugin) == totals["positives"] > 0 and totals["negatives"] == 0
    assert all(row[3] == "positive" and row[4] == 0.5 for row in plugin)
    assert [row for row in rows if row[0] == "heuristic"] == heuristic  # other sources untouched
    spec = json.loads(plugin[0][5])["annotator"]
    assert spec == {"name": "plugin_annotators:every_focus", "args": {"label": True, "tag": "t1"}}


def test_an_entry_point_annotator_is_found_by_name(
    clean: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_entry_point(
        tmp_path, monkeypatch, "proagentbench.annotators", "focus = plugin_annotators:every_focus"
    )
    monkeypatch.syspath_prepend(str(HERE))
    annotator = build_annotator(Spec("focus", {"label": False}))
    assert type(annotator).__name__ == "EveryFocus"
    totals = annotate_store(clean, annotator)
    assert totals["positives"] == 0 and totals["negatives"] > 0


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (Spec("nonesuch"), r"unknown annotator 'nonesuch'; use one of heuristic"),
        (Spec("plugin_annotators:missing"), r"has no attribute 'missing'"),
        (Spec("plugin_annotators:not_an_annotator"), r"is not an annotator"),
        (Spec("plugin_annotators:every_focus", {"colour": "red"}), r"bad arguments"),
        (Spec("heuristic", {"seeds": 1}), r"unknown key\(s\) seeds"),
        (Spec("heuristic", {"assistant_pattern": "("}), r"not a valid regex"),
        (Spec("heuristic", {"negatives_per_positive": -1}), r"must be >= 0"),
    ],
)
def test_bad_annotators_are_clear_errors(spec: Spec, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from proagentbench.errors import ProagentError

    monkeypatch.syspath_prepend(str(HERE))
    with pytest.raises(ProagentError, match=message):
        build_annotator(spec)
    assert issubclass(PluginError, ProagentError)


def test_cli_method_args_and_config_table(clean: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[annotator]\nmethod = "plugin_annotators:every_focus"\nargs = { tag = "cfg" }\n')
    done = _proagent("annotate", "--db", str(clean), "--config", str(config), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["annotator"] == {
        "name": "plugin_annotators:every_focus",
        "args": {"label": True, "tag": "cfg"},
    }
    assert {row[0] for row in _rows(clean)} == {"every-focus-cfg"}

    done = _proagent("annotate", "--db", str(clean), "--method", "heuristic", "--seed", "3")
    assert done.returncode == 0, done.stderr
    assert "annotated 4 session(s) with heuristic" in done.stdout
    assert {row[0] for row in _rows(clean)} == {"every-focus-cfg", "heuristic"}

    done = _proagent("annotate", "--db", str(clean), "--arg", "tag=x", "--seed", "1", "--config", str(config))
    assert done.returncode == 2 and "--seed: only for --method heuristic" in done.stderr
    assert "Traceback" not in done.stderr

    done = _proagent("annotate", "--db", str(clean), "--method", "nonesuch")
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0
    assert "unknown annotator 'nonesuch'" in done.stderr

    config.write_text('[annotator]\nmethods = "heuristic"\n')
    done = _proagent("annotate", "--db", str(clean), "--config", str(config))
    assert done.returncode == 2 and "[annotator]: unknown key(s) methods" in done.stderr


def test_config_tables_nothing_reads_are_refused(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[benchmark]\nseed = 1\n")
    done = _proagent("annotate", "--db", str(tmp_path / "x.sqlite"), "--config", str(config))
    assert done.returncode == 2 and "unknown table(s) benchmark" in done.stderr
