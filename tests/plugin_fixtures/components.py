"""Third-party components for the registry tests (importable as tests.plugin_fixtures.components)."""

from typing import Any


def with_identity(level: int = 1, identity: str = "") -> dict[str, Any]:
    return {"level": level, "identity": identity}


def without_context(level: int = 1) -> dict[str, Any]:
    return {"level": level}


def takes_anything(**kwargs: Any) -> dict[str, Any]:
    return kwargs


def square(value: int) -> int:
    return value * value


class NotAnExecutor:
    pass


NOT_CALLABLE = 3


def fails_to_build(**kwargs: Any) -> Any:
    """A factory whose own code fails (a third-party bug): one line naming the component, no traceback."""
    raise RuntimeError("the plugin's factory is broken")
