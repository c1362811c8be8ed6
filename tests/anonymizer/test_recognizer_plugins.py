"""Recognizers through the one registry: a `module:attr` plugin and an entry-point plugin are used by
anonymization, a built-in can be disabled by name, a plugin's entity type is declared and takes an operator,
and the analyzer records (and is cached by) the recognizer specs it runs."""

import json
import sqlite3
from pathlib import Path

import pytest

from proagentbench import plugins
from proagentbench.anonymizer import ScrubSetup, anonymize_store, load_policy, make_scrubber
from proagentbench.anonymizer.analyzer import build_analyzer, spec_for
from proagentbench.anonymizer.identity import Identity
from proagentbench.anonymizer.recognizer_set import DEFAULT_RECOGNIZERS, SPACY_RECOGNIZER
from proagentbench.errors import ProagentError
from tests.anonymizer.conftest import TEST_IDENTITY, TEST_KEY
from tests.anonymizer.rawstore import RawStoreBuilder
from tests.helpers import install_entry_point

PLUGIN = "tests.anonymizer.plugin_recognizers:employee_ids"
BADGE = "badge EMP-123456 at the front desk"
WITH_PLUGIN = f"""
extra_entities = ["EMPLOYEE_ID"]
[[recognizers]]
name = "{PLUGIN}"
"""


def _policy_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text('spacy_model = "none"\nmachine_identity = false\n' + text)
    return path


def _scrub(policy_path: Path, text: str) -> str:
    return make_scrubber(ScrubSetup(load_policy(policy_path), TEST_KEY, TEST_IDENTITY)).scrub(text).text


def test_module_attr_recognizer_is_used_by_anonymize_store_and_recorded(tmp_path: Path) -> None:
    policy = load_policy(_policy_file(tmp_path, WITH_PLUGIN + 'args = { prefix = "EMP" }\n'))
    raw = RawStoreBuilder(tmp_path / "raw.sqlite")
    session = raw.add_session("hr")
    window = raw.add_window(session, 0, "firefox", f"HR portal - {BADGE}")
    raw.type_text(session, window, 100, "my id is EMP-654321")
    raw.close()
    clean = tmp_path / "clean.sqlite"

    report = anonymize_store(raw.db_path, clean, policy)

    assert report.done == ["hr"], report.failed
    with sqlite3.connect(clean) as connection:
        [(title,)] = connection.execute("SELECT title FROM windows").fetchall()
        [(typed,)] = connection.execute("SELECT text FROM events WHERE kind = 'text'").fetchall()
        [(settings,)] = connection.execute("SELECT settings FROM sessions").fetchall()
    assert "EMP-123456" not in title and "<EMPLOYEE_ID_" in title
    assert "EMP-654321" not in typed and "<EMPLOYEE_ID_" in typed
    recorded = json.loads(settings)["anonymizer"]
    expected = [{"name": name, "args": {}} for name in DEFAULT_RECOGNIZERS if name != SPACY_RECOGNIZER]
    assert recorded["recognizers"] == [*expected, {"name": PLUGIN, "args": {"prefix": "EMP"}}]
    assert recorded["nlp"] == {"engine": "no_op", "model": ""}
    assert recorded["policy"]["extra_entities"] == ["EMPLOYEE_ID"]


def test_entry_point_recognizer_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real distribution's metadata on sys.path, declaring a recognizer in the entry-point group."""
    line = "employee_ids = plugin_recognizers:employee_ids"
    install_entry_point(
        tmp_path / "site", monkeypatch, "proagentbench.recognizers", line, distribution="hrtools"
    )
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    assert plugins.available("recognizers")["employee_ids"] == "plugin_recognizers:employee_ids"
    policy = _policy_file(
        tmp_path, 'extra_entities = ["EMPLOYEE_ID"]\n[[recognizers]]\nname = "employee_ids"\n'
    )
    scrubbed = _scrub(policy, BADGE)
    assert scrubbed.startswith("badge <EMPLOYEE_ID_") and scrubbed.endswith("> at the front desk")


def test_entry_point_cannot_replace_a_builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = "high_entropy = plugin_recognizers:x"
    install_entry_point(tmp_path, monkeypatch, "proagentbench.recognizers", line, distribution="evil")
    assert plugins.resolve("recognizers", "high_entropy").endswith("high_entropy:HighEntropyRecognizer")


def test_disabling_a_builtin_stops_its_findings(tmp_path: Path) -> None:
    text = "secret Zx8Qw2Lk9Vb4Nm7Rt5Yp3Hs6 here"
    assert "Zx8Qw2Lk9Vb4Nm7Rt5Yp3Hs6" not in _scrub(_policy_file(tmp_path, ""), text)
    disabled = _policy_file(tmp_path, 'disabled_recognizers = ["high_entropy"]\n')
    assert "high_entropy" not in [spec.name for spec in load_policy(disabled).recognizer_specs()]
    assert _scrub(disabled, text) == text


def test_extra_entity_takes_an_operator(tmp_path: Path) -> None:
    policy = _policy_file(tmp_path, WITH_PLUGIN + '[operators]\nEMPLOYEE_ID = "mask"\n')
    assert load_policy(policy).operator_for("EMPLOYEE_ID") == "mask"
    assert _scrub(policy, BADGE) == "badge ********** at the front desk"


def test_extra_entity_left_out_of_entities_is_not_reported(tmp_path: Path) -> None:
    policy = _policy_file(tmp_path, 'entities = ["PERSON"]\n' + WITH_PLUGIN)
    assert _scrub(policy, BADGE) == BADGE


def test_builtin_arguments_can_be_set_in_its_place(tmp_path: Path) -> None:
    policy = load_policy(
        _policy_file(tmp_path, '[[recognizers]]\nname = "gated_phone"\nargs = { phone_regions = ["FR"] }\n')
    )
    specs = policy.recognizer_specs()
    assert [spec.name for spec in specs] == list(DEFAULT_RECOGNIZERS)
    assert specs[DEFAULT_RECOGNIZERS.index("gated_phone")] == plugins.Spec(
        "gated_phone", {"phone_regions": ["FR"]}
    )


def test_a_factory_must_build_a_presidio_recognizer(tmp_path: Path) -> None:
    policy = load_policy(
        _policy_file(
            tmp_path, '[[recognizers]]\nname = "tests.anonymizer.plugin_recognizers:not_a_recognizer"\n'
        )
    )
    with pytest.raises(ProagentError, match="built a object, not a Presidio EntityRecognizer"):
        build_analyzer(spec_for(policy, Identity()))


def test_analyzer_cache_key_holds_the_recognizer_specs(tmp_path: Path) -> None:
    default = load_policy(_policy_file(tmp_path, ""))
    fewer = load_policy(_policy_file(tmp_path, 'disabled_recognizers = ["jwt", "high_entropy"]\n'))
    full, reduced = spec_for(default, Identity()), spec_for(fewer, Identity())
    assert full != reduced and hash(full) != hash(reduced)
    names = {r.name for r in build_analyzer(full).registry.recognizers}
    fewer_names = {r.name for r in build_analyzer(reduced).registry.recognizers}
    assert names - fewer_names == {"JwtRecognizer", "HighEntropyRecognizer"}
