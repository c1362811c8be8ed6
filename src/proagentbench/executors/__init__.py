"""Executors: where the heavy stages run their units of work (see `base.Executor`).

Built-ins are ``inline`` (this process; tests and one worker) and ``process`` (a pool of spawned worker
processes). Others enter through the registry (`proagentbench.plugins`, kind ``executors``).
"""

from proagentbench.executors.base import Executor, build_executor, default_executor_spec

__all__ = ["Executor", "build_executor", "default_executor_spec"]
