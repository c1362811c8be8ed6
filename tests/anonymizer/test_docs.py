"""docs/anonymizer.md stays true: its policy example loads, its recognizer plugin example works."""

import re
from pathlib import Path

from proagentbench.anonymizer import load_policy
from proagentbench.anonymizer.recognizer_set import DEFAULT_RECOGNIZERS

DOC = (Path(__file__).parents[2] / "docs" / "anonymizer.md").read_text()


def _block(language: str, containing: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)```", DOC, flags=re.S)
    [block] = [b for b in blocks if containing in b]
    return block


def test_policy_example_loads(tmp_path: Path) -> None:
    example = _block("toml", "[operators]").replace(
        "mycompany.recognizers:employee_ids", "tests.anonymizer.plugin_recognizers:employee_ids"
    )
    path = tmp_path / "policy.toml"
    path.write_text(example)
    policy = load_policy(path)
    assert policy.operator_for("EMPLOYEE_ID") == "hash" and "EMPLOYEE_ID" in policy.entities
    assert [spec.name for spec in policy.recognizer_specs()][-1].endswith(":employee_ids")


def test_plugin_example_builds_a_working_recognizer() -> None:
    namespace: dict[str, object] = {}
    exec(_block("python", "def employee_ids"), namespace)  # noqa: S102 - our own documentation
    recognizer = namespace["employee_ids"]()  # type: ignore[operator]
    [found] = recognizer.analyze("badge EMP-123456 at the desk", ["EMPLOYEE_ID"])
    assert (found.entity_type, found.start, found.end) == ("EMPLOYEE_ID", 6, 16)


def test_every_builtin_recognizer_is_documented() -> None:
    for name in DEFAULT_RECOGNIZERS:
        assert f"`{name}`" in DOC, f"docs/anonymizer.md does not list the recognizer {name}"
