"""The one registry: every kind enters by built-in name, module:attr or entry point; specs round-trip."""

from pathlib import Path

import pytest

from proagentbench import plugins
from proagentbench.executors import build_executor, default_executor_spec
from proagentbench.plugins import PluginError, Spec
from tests.helpers import install_entry_point

FIXTURES = "tests.plugin_fixtures.components"


@pytest.fixture(autouse=True)
def _importable_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parents[1]))


def test_every_kind_has_the_same_three_ways_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for kind in plugins.KINDS:
        assert plugins.available(kind), f"{kind} has no built-ins"
        for name in plugins.BUILTINS[kind]:
            assert callable(plugins.load(kind, name)), f"{kind}/{name} does not load"
    built = plugins.build("executors", Spec(f"{FIXTURES}:without_context", {"level": 2}))
    assert built == {"level": 2}
    install_entry_point(
        tmp_path, monkeypatch, "proagentbench.executors", f"third = {FIXTURES}:without_context"
    )
    assert plugins.available("executors")["third"] == f"{FIXTURES}:without_context"
    assert plugins.build("executors", Spec("third")) == {"level": 1}


def test_a_builtin_wins_over_an_entry_point_of_the_same_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_entry_point(
        tmp_path, monkeypatch, "proagentbench.annotators", f"heuristic = {FIXTURES}:takes_anything"
    )
    assert plugins.resolve("annotators", "heuristic") == plugins.BUILTINS["annotators"]["heuristic"]


def test_context_goes_only_to_factories_that_accept_it() -> None:
    build = plugins.build
    assert build("recognizers", Spec(f"{FIXTURES}:with_identity"), identity="me") == {
        "level": 1,
        "identity": "me",
    }
    assert build("recognizers", Spec(f"{FIXTURES}:without_context"), identity="me") == {"level": 1}
    assert build("recognizers", Spec(f"{FIXTURES}:takes_anything", {"a": 1}), identity="me") == {
        "a": 1,
        "identity": "me",
    }
    # A spec's own argument is not overridden by context.
    assert (
        build("recognizers", Spec(f"{FIXTURES}:with_identity", {"identity": "spec"}), identity="ctx")[
            "identity"
        ]
        == "spec"
    )


@pytest.mark.parametrize(
    ("kind", "name", "message"),
    [
        ("agents", "nonesuch", r"unknown agent 'nonesuch'; use one of .*learned"),
        (
            "executors",
            "nonesuch",
            r"unknown executor 'nonesuch'; use one of inline, process, ray, thread or module:attr",
        ),
        ("recognizers", "no_such_module_xyz:f", r"recognizer 'no_such_module_xyz:f': cannot import module"),
        ("annotators", f"{FIXTURES}:missing", r"has no attribute 'missing'"),
        ("executors", f"{FIXTURES}:NOT_CALLABLE", r"is not a factory"),
    ],
)
def test_lookup_errors_name_the_kind_and_the_way_out(kind: str, name: str, message: str) -> None:
    with pytest.raises(PluginError, match=message):
        plugins.load(kind, name)


def test_bad_arguments_and_unknown_kinds() -> None:
    with pytest.raises(PluginError, match=r"executor .*bad arguments \{'colour': 1\}"):
        plugins.build("executors", Spec(f"{FIXTURES}:without_context", {"colour": 1}))
    with pytest.raises(ValueError, match="unknown plugin kind"):
        plugins.available("widgets")
    with pytest.raises(ValueError, match="module:attr"):
        plugins.register("agents", "x", "no-colon")


def test_register_adds_a_name_for_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(plugins.BUILTINS, "agents", dict(plugins.BUILTINS["agents"]))
    plugins.register("agents", "mine", f"{FIXTURES}:takes_anything")
    assert plugins.build("agents", Spec("mine", {"k": "v"})) == {"k": "v"}


@pytest.mark.parametrize(
    "data",
    [{"name": "learned", "args": {"c": 1.0, "tags": ["a"]}}, {"name": "never", "args": {}}],
)
def test_specs_round_trip_through_json(data: dict[str, object]) -> None:
    spec = Spec.from_json(data)
    assert spec.to_json() == data and Spec.from_json(spec.to_json()) == spec
    assert hash(spec) == hash(Spec.from_json(data))


def test_bad_specs_are_refused() -> None:
    assert Spec.from_json("heuristic") == Spec("heuristic")
    for bad in ({"args": {}}, {"name": 3}, {"name": "x", "args": [1]}, 4):
        with pytest.raises(PluginError):
            Spec.from_json(bad)


def test_inline_and_process_executors_give_the_same_results_in_order() -> None:
    from tests.plugin_fixtures.components import square

    assert default_executor_spec(1) == Spec("inline")
    assert default_executor_spec(3) == Spec("process", {"workers": 3})
    results = []
    for spec in (Spec("inline"), Spec("process", {"workers": 2})):
        with build_executor(spec) as executor:
            results.append(list(executor.map(square, range(20))))
    assert results[0] == results[1] == [n * n for n in range(20)]


def test_an_object_that_is_not_an_executor_is_refused() -> None:
    with pytest.raises(PluginError, match="is not an executor"):
        build_executor(Spec(f"{FIXTURES}:NotAnExecutor"))
    with pytest.raises(RuntimeError, match="context manager"):
        build_executor(Spec("process", {"workers": 1})).map(abs, [1])
