import os
import stat
from pathlib import Path

import pytest

from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
from proagentbench.anonymizer.policy import Policy, load_policy, policy_from_table
from proagentbench.anonymizer.pseudonym import (
    Pseudonymizer,
    PseudonymKeyError,
    key_path,
    load_or_create_key,
)
from proagentbench.errors import ConfigError
from tests.anonymizer.conftest import TEST_IDENTITY, TEST_KEY

PLUGIN_MODULE = "tests.anonymizer.plugin_recognizers"
PLUGIN = f"{PLUGIN_MODULE}:employee_ids"

EXAMPLE = """
score_threshold = 0.6
image_mode = "all-text"
image_operator = "fill"
excluded_apps = ["keepassxc"]
names = ["Jordan Doe"]

[operators]
default = "replace"
EMAIL_ADDRESS = "mask"
SECRET = "drop"
PHONE_NUMBER = "hash"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text)
    return path


def test_policy_file_is_read(tmp_path: Path) -> None:
    policy = load_policy(_write(tmp_path, EXAMPLE))
    assert policy.image_mode == "all-text" and policy.image_operator == "fill"
    assert policy.operator_for("EMAIL_ADDRESS") == "mask" and policy.operator_for("PERSON") == "replace"
    assert policy.excluded_apps == ("keepassxc",)
    recorded = policy.to_json()
    assert recorded["names"] == 1, "identity terms are counted, never recorded"
    assert recorded["operators"]["SECRET"] == "drop"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("image_mod = 'pii'", "unknown key(s) image_mod"),
        ("[operators]\nPERSN = 'mask'", "unknown entity type 'PERSN'"),
        ("[operators]\nPERSON = 'shred'", "'shred' is not one of replace, mask, hash, drop"),
        ("image_mode = 'everything'", "is not one of pii, allowlist, all-text"),
        ("entities = ['PERSON', 'DNA']", "unknown entity type(s) DNA"),
        ("score_threshold = 'high'", "expected float"),
        ("score_threshold = 3", "between 0 and 1"),
        ("this is not toml", "not valid TOML"),
        ("disabled_recognizers = ['high_entrop']", "disabled_recognizers: unknown recognizer(s) high_entrop"),
        ("[[recognizers]]\nname = 'no_such'", "unknown recognizer 'no_such'; use one of"),
        ("[[recognizers]]\nname = 'no_such_module_xyz:factory'", "cannot import module 'no_such_module_xyz'"),
        (f"[[recognizers]]\nname = '{PLUGIN_MODULE}:missing'", "has no attribute 'missing'"),
        (f"[[recognizers]]\nname = '{PLUGIN}'\nargs = {{ prefx = 'X' }}", "bad arguments {'prefx': 'X'}"),
        ("[[recognizers]]\nnam = 'jwt'", "recognizers[0]: unknown key(s) nam; known: args, name"),
        ("[[recognizers]]\nargs = {}", "recognizers[0]: expected a name"),
        ("recognizers = 'jwt'", "expected [[recognizers]] tables"),
        (f"[[recognizers]]\nname = '{PLUGIN}'\n[[recognizers]]\nname = '{PLUGIN}'", "is listed twice"),
        ("disabled_recognizers = ['jwt']\n[[recognizers]]\nname = 'jwt'", "also in disabled_recognizers"),
        ("entities = ['EMPLOYEE_ID']", "unknown entity type(s) EMPLOYEE_ID"),
        ("[operators]\nEMPLOYEE_ID = 'mask'", "unknown entity type 'EMPLOYEE_ID'"),
        ("extra_entities = ['employee-id']", "'employee-id' is not an entity type"),
        ("extra_entities = ['EMPLOYEE_ID2']", "'EMPLOYEE_ID2' is not an entity type"),
        ("extra_entities = ['PERSON']", "PERSON is a built-in entity type already"),
    ],
)
def test_bad_policy_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_policy(_write(tmp_path, text))
    assert message in str(error.value) and "\n" not in str(error.value)


def test_missing_policy_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="policy file not found"):
        load_policy(tmp_path / "nope.toml")


def test_operators_replace_mask_hash_drop(tmp_path: Path) -> None:
    policy = load_policy(_write(tmp_path, EXAMPLE))
    scrubber = make_scrubber(ScrubSetup(policy, TEST_KEY, TEST_IDENTITY))
    text = "Jordan Doe: mail jd@example.com, call 415-555-0132, PASSWORD=Sup3rS3cret"
    out = scrubber.scrub(text).text
    assert "jd@example.com" not in out and "**************" in out
    assert "415-555-0132" not in out and Pseudonymizer(TEST_KEY).hashed("PHONE_NUMBER", "415-555-0132") in out
    assert out.endswith("PASSWORD="), "drop removes the value"
    assert out.startswith("<PERSON_")


def test_pseudonyms_are_consistent_and_keyed(scrubber) -> None:  # type: ignore[no-untyped-def]
    first = scrubber.scrub("Maria Keller wrote to maria.keller@example.com").text
    second = scrubber.scrub("cc maria.keller@example.com; MARIA KELLER").text
    email = Pseudonymizer(TEST_KEY).placeholder("EMAIL_ADDRESS", "maria.keller@example.com")
    assert email in first and email in second
    other_key = Pseudonymizer(bytes(32)).placeholder("EMAIL_ADDRESS", "maria.keller@example.com")
    assert other_key != email
    assert scrubber.scrub(first).text == first, "scrubbing is idempotent: placeholders are not PII"


def test_key_is_created_owner_only_and_reused(tmp_path: Path) -> None:
    path = key_path(tmp_path / "raw.sqlite")
    assert path.name == "raw.anonymizer-key"
    key = load_or_create_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(path) == key and len(key) == 32


def test_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "raw.anonymizer-key"
    load_or_create_key(path)
    os.chmod(path, 0o644)
    with pytest.raises(PseudonymKeyError, match="readable by others"):
        load_or_create_key(path)


def test_default_policy_operators() -> None:
    assert Policy().operator_for("PERSON") == "replace"


def test_recognizer_choices_are_recorded(tmp_path: Path) -> None:
    text = f"""
disabled_recognizers = ["high_entropy"]
extra_entities = ["EMPLOYEE_ID"]

[[recognizers]]
name = "{PLUGIN}"
args = {{ prefix = "E" }}

[operators]
EMPLOYEE_ID = "hash"
"""
    policy = load_policy(_write(tmp_path, text))
    assert policy.entities[-1] == "EMPLOYEE_ID", "without `entities`, every known type is looked for"
    recorded = policy.to_json()
    assert recorded["disabled_recognizers"] == ["high_entropy"]
    assert recorded["recognizers"] == [{"name": PLUGIN, "args": {"prefix": "E"}}]
    assert recorded["extra_entities"] == ["EMPLOYEE_ID"] and recorded["operators"]["EMPLOYEE_ID"] == "hash"
    names = [spec.name for spec in policy.recognizer_specs()]
    assert "high_entropy" not in names and names[-1] == PLUGIN


def test_org_context_is_pseudonymized_by_default_and_kept_on_request() -> None:
    scrubber = make_scrubber(ScrubSetup(Policy(machine_identity=False), bytes(32)))
    repo = scrubber.scrub("Pull request #12 · acme/payments · GitHub").text
    assert "<REPO_" in repo and "acme/payments" not in repo
    chat = scrubber.scrub("Slack | #shop-dev | Northwind").text
    assert "<CHANNEL_" in chat and "<ORG_" in chat and "Northwind" not in chat and "shop-dev" not in chat
    kept = policy_from_table({"keep_org_context": True, "machine_identity": False}, where="policy")
    assert kept.keep_org_context and "REPO" in kept.entities and "REPO" not in kept.scrubbed_entities
    assert make_scrubber(ScrubSetup(kept, bytes(32))).scrub("Slack | #shop-dev | Northwind").text == (
        "Slack | #shop-dev | Northwind"
    )
