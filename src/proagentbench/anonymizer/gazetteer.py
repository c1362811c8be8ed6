"""The bundled first/last-name lists, generated from Faker's name lists (licence note in data/)."""

from functools import cache
from importlib import resources


def _load(filename: str) -> frozenset[str]:
    text = resources.files("proagentbench.anonymizer").joinpath("data", filename).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def first_names() -> frozenset[str]:
    return _load("first_names.txt")


@cache
def last_names() -> frozenset[str]:
    return _load("last_names.txt")


@cache
def name_stopwords() -> frozenset[str]:
    return _load("name_stopwords.txt")
