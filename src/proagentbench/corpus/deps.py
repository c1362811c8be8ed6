"""Optional packages the export needs, checked up front: a missing one is a clear message, no traceback."""

import importlib.util

from proagentbench.errors import MissingDependencyError


def require_pyarrow() -> None:
    """Parquet is written and read with pyarrow, part of the `bench` extra."""
    if importlib.util.find_spec("pyarrow") is None:
        raise MissingDependencyError("pyarrow", "bench")
