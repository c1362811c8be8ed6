"""What the dataset card of an imported ProactiveBench corpus says: licence, provenance, attribution."""

from proagentbench.corpus import CardInfo
from proagentbench.corpus.citations import PROACTIVEBENCH

ATTRIBUTION = (
    "Converted from ProactiveBench, part of thunlp/ProactiveAgent "
    "(https://github.com/thunlp/ProactiveAgent, commit 86383616), "
    '"Proactive Agent: Shifting LLM Agents from Reactive Responses to Active Assistance" '
    "(Lu et al., ICLR 2025), licensed under the Apache License 2.0. Changes: observations became "
    "`observation` events, labels became timing decision points, day-relative times were placed on "
    "2024-06-01 UTC and backward clock steps became 1 ms steps (see proagentbench docs/export.md)."
)


def card_info(test_fraction: float, seed: int) -> CardInfo:
    if test_fraction >= 1.0:
        split_note = "Everything is in `test`: ProactiveBench publishes these files as its test data."
    else:
        split_note = (
            f"Split by recording with a seeded hash (seed {seed}, "
            f"test fraction {test_fraction}): reward rows cut from the same recording "
            "(same first observation) share a `user` and a side."
        )
    return CardInfo(
        title="ProactiveBench (timing task, imported)",
        license="apache-2.0",
        summary=(
            "ProactiveBench data converted to a proagentbench corpus for the *timing* task (text only): "
            "each decision point asks whether the assistant should offer help right after the observations "
            "before it."
        ),
        provenance=[
            "reward data: one session and one decision point per row, labelled `help_needed`",
            "event streams: one session per file, one decision point per observation, "
            "labelled `task_status`; candidate tasks kept as reference content, the stream's theme as intent",
        ],
        split_note=split_note,
        attribution=ATTRIBUTION,
        extra_tags=["proactivebench"],
        source_datasets=["extended|thunlp/ProactiveAgent"],
        source_data=[
            "ProactiveBench's published test data (thunlp/ProactiveAgent, commit 86383616): natural-language "
            "observations of people's computer activity (coding, writing, browsing), collected and described "
            "by the ProactiveBench authors",
            "imported as text only: one `observation` event per observation, no key or mouse events and no "
            "screenshots",
        ],
        annotation_process=[
            "`help_needed` (reward rows) and `task_status` (event streams) are labels by people, published "
            "with ProactiveBench; this import copies them and adds none",
            "`content`: the candidate tasks of an event stream's positive steps; intent: the stream's theme "
            "from its file name (`code_*` coding, `writing_*` writing)",
        ],
        personal_information=[
            "the data is already public; this import runs no anonymizer and no residual-PII check",
            "observations describe activity in words and may name files, projects and web sites",
        ],
        consent="As collected and published by the ProactiveBench authors (see their paper and repository); "
        "this import adds no data about any person.",
        limitations=[
            "text only: the events are another system's descriptions of activity, not recorded input",
            'day-clock times ("Day 2, 9:05 PM") are placed on 2024-06-01 UTC and backward clock steps become '
            "1 ms steps, so durations and inter-event statistics are approximate",
            "the reward set has no reference assistance: its corpus carries the timing task only",
        ],
        citations=[PROACTIVEBENCH],
    )
