"""The executor interface: a context manager that maps a picklable function over units of work.

Workers only compute and return results; the caller (the driver) alone writes stores and logs, so a worker
that dies loses no committed data. Results come back in the order of the inputs.
"""

from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar, runtime_checkable

from proagentbench import plugins

T = TypeVar("T")
R = TypeVar("R")


@runtime_checkable
class Executor(Protocol):
    workers: int

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...


class NothingToStart:
    """For executors that hold no resources between maps: entering and leaving do nothing."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None


def default_executor_spec(workers: int) -> plugins.Spec:
    """One worker runs inline (no start-up cost); more use a process pool."""
    if workers <= 1:
        return plugins.Spec("inline")
    return plugins.Spec("process", {"workers": workers})


def build_executor(spec: plugins.Spec) -> Executor:
    executor: Any = plugins.build("executors", spec)
    if not isinstance(executor, Executor):
        raise plugins.PluginError(
            f"executor {spec.name!r} is not an executor (needs workers, map() and use as a context manager)"
        )
    return executor
