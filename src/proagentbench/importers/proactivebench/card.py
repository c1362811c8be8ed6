"""What the dataset card of an imported ProactiveBench corpus says: licence, provenance, attribution."""

from proagentbench.corpus import CardInfo

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
            "labelled `task_status`; candidate tasks kept as reference content",
        ],
        split_note=split_note,
        attribution=ATTRIBUTION,
        extra_tags=["proactivebench"],
    )
