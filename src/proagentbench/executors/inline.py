"""Runs every unit in the calling process, one after another."""

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from proagentbench.executors.base import NothingToStart

T = TypeVar("T")
R = TypeVar("R")


class InlineExecutor(NothingToStart):
    workers = 1

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(function, items)
