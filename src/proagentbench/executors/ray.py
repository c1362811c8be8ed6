"""Ray: units of work as Ray tasks, on a local instance this executor starts or on a cluster it joins.

The function is put in Ray's object store once per `map` and each unit is one task, retried by Ray (at most
``max_retries`` times) when the worker running it dies; an exception the function raises is not retried and
comes back as itself. Results are yielded in input order, at most ``window`` units in flight, so the driver
(which alone writes stores and logs) never holds more than that many finished results.
"""

import logging
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from proagentbench.errors import ProagentError

T = TypeVar("T")
R = TypeVar("R")

INSTALL_HINT = "pip install 'proagentbench[ray]'"
LOCAL = (None, "", "local")


class RayExecutorError(ProagentError):
    """Ray missing, a cluster that cannot be reached, or a unit whose worker kept dying."""


def require_ray() -> Any:
    try:
        import ray
    except ImportError:
        message = f"the ray executor needs Ray, which is not installed: {INSTALL_HINT}"
        raise RayExecutorError(message) from None
    return ray


def _spans_other_machines(ray: Any) -> bool:
    try:
        here = ray.util.get_node_ip_address()
        return any(node["Alive"] and node["NodeManagerAddress"] != here for node in ray.nodes())
    except Exception:  # noqa: BLE001 - cannot tell: assume it does
        return True


def _run_unit(function: Callable[[Any], Any], item: Any) -> Any:
    return function(item)


class RayExecutor:
    """``address``: none (start a one-node local instance of ``workers`` CPUs, no dashboard), ``auto`` (the
    cluster this machine belongs to) or ``ray://host:port`` (Ray Client)."""

    def __init__(self, address: str | None = None, workers: int = 0, max_retries: int = 3) -> None:
        if workers < 0:
            raise RayExecutorError(f"ray executor: workers must be 0 (every CPU) or more, got {workers}")
        if max_retries < 0:
            raise RayExecutorError(f"ray executor: max_retries must be 0 or more, got {max_retries}")
        self._ray = require_ray()
        self.address = address
        self.max_retries = max_retries
        self.workers = workers or 1
        self._requested = workers
        self._started = False
        self._task: Any = None
        self._temp_dir: Path | None = None

    @property
    def remote(self) -> bool:
        """Whether units may run on other machines: any cluster this executor joins, and a connection this
        process already holds (a notebook's) when it reaches a node of another machine."""
        if self.address not in LOCAL:
            return True
        return self._ray.is_initialized() and _spans_other_machines(self._ray)

    def __enter__(self) -> Self:
        ray = self._ray
        if not ray.is_initialized():
            try:
                if self.remote:
                    ray.init(address=self.address, logging_level=logging.ERROR, log_to_driver=False)
                else:
                    # Ray's own folder (worker logs with any traceback, spilled objects) inside an owner-only
                    # one, not in the world-readable /tmp/ray; Ray makes its folder itself, mode 0777.
                    self._temp_dir = Path(tempfile.mkdtemp(prefix="proagent-ray-"))
                    ray.init(
                        address="local",
                        num_cpus=self._requested or None,
                        include_dashboard=False,
                        logging_level=logging.ERROR,
                        log_to_driver=False,
                        _temp_dir=str(self._temp_dir / "ray"),
                    )
            except Exception as exc:  # noqa: BLE001 - Ray raises many kinds; the user needs one line
                self._remove_temp_dir()
                where = self.address or "a local instance"
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise RayExecutorError(f"ray executor: cannot start or reach {where}: {first}") from None
            self._started = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = min(self._requested, cpus) if self._requested else max(1, cpus)
        self._task = ray.remote(num_cpus=1, max_retries=self.max_retries, retry_exceptions=False)(_run_unit)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._task = None
        if self._started:
            self._ray.shutdown()
            self._started = False
        self._remove_temp_dir()

    def _remove_temp_dir(self) -> None:
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    @property
    def window(self) -> int:
        return max(2, 2 * self.workers)

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self._task is None:
            raise RuntimeError("use the ray executor as a context manager")
        return self._map(self._task, function, items)

    def _map(self, task: Any, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        ray = self._ray
        function_ref = ray.put(function)
        queued = iter(items)
        in_flight: deque[Any] = deque()
        try:
            while True:
                while len(in_flight) < self.window and (item := next(queued, _END)) is not _END:
                    in_flight.append(task.remote(function_ref, item))
                if not in_flight:
                    return
                yield self._result(in_flight.popleft())
        finally:
            for ref in in_flight:
                with suppress(Exception):  # already finished or gone: nothing to cancel
                    ray.cancel(ref)

    def _result(self, ref: Any) -> Any:
        ray = self._ray
        try:
            return ray.get(ref)
        except ray.exceptions.RayTaskError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, BaseException):
                raise cause from None
            raise
        except ray.exceptions.RayError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise RayExecutorError(
                f"ray executor: a unit was lost after {self.max_retries} retries "
                f"({type(exc).__name__}{': ' + first if first else ''})"
            ) from None


_END: Any = object()
