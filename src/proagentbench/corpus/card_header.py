"""The dataset card's YAML front matter, in the keys and values the Hugging Face Hub reads.

`configs` list one config per table with its split files (`timing` is the default, so `load_dataset(DIR)`
gives it); the other keys are the Hub's dataset metadata (license, language, task_categories,
size_categories, annotations_creators, source_datasets, pretty_name, tags). Values are written as JSON
strings, which YAML reads as they are.
"""

import json
from collections.abc import Mapping

from proagentbench.corpus.layout import table_file

CONFIG_ORDER = ("timing", "content", "events", "sessions", "screenshots", "annotations")
TASK_CATEGORIES = ("text-classification", "text-generation")
HUB_CREATORS = ("crowdsourced", "expert-generated", "found", "machine-generated", "no-annotation", "other")
_HUMAN_PREFIXES = ("human", "proactivebench")  # a person's labels: the review page's, ProactiveBench's


def annotation_creator(source: str) -> str:
    """The Hub's `annotations_creators` value for an annotation `source` (a person's or an annotator's)."""
    return "expert-generated" if source.split(":", 1)[0] in _HUMAN_PREFIXES else "machine-generated"


def size_category(rows: int) -> str:
    for limit, name in (
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
    ):
        if rows < limit:
            return name
    return "1M<n<10M"


def quote(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid YAML scalar


def _items(key: str, values: list[str]) -> list[str]:
    return [f"{key}:", *(f"- {quote(value)}" for value in values)]


def front_matter(
    *,
    license: str,
    title: str,
    language: list[str],
    creators: list[str],
    source_datasets: list[str],
    tags: list[str],
    decision_points: int,
    files: Mapping[str, list[str]],
) -> str:
    lines = [
        "---",
        f"license: {quote(license)}",
        f"pretty_name: {quote(title)}",
        *_items("language", language),
        *_items("annotations_creators", creators or ["no-annotation"]),
        *_items("source_datasets", source_datasets),
        *_items("task_categories", list(TASK_CATEGORIES)),
        *_items("tags", tags),
        *_items("size_categories", [size_category(decision_points)]),
        "configs:",
    ]
    first = True
    for table in (t for t in CONFIG_ORDER if t in files):
        lines.append(f"- config_name: {table}")
        if first:
            lines.append("  default: true")
            first = False
        lines.append("  data_files:")
        for split in files[table]:
            lines += [f"  - split: {split}", f"    path: {quote(table_file(table, split))}"]
    lines.append("---")
    return "\n".join(lines) + "\n"
