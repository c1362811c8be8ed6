"""The annotator: decision points (assistance moments and hard negatives) written into the clean store."""

from proagentbench.annotator.base import Annotator, LabelledPoint, TimelineEvent
from proagentbench.annotator.heuristic import HeuristicAnnotator, HeuristicSettings, label_session
from proagentbench.annotator.intents import INTENTS, classify_intent
from proagentbench.annotator.run import DEFAULT_ANNOTATOR, annotate_store, build_annotator

__all__ = [
    "DEFAULT_ANNOTATOR",
    "INTENTS",
    "Annotator",
    "HeuristicAnnotator",
    "HeuristicSettings",
    "LabelledPoint",
    "TimelineEvent",
    "annotate_store",
    "build_annotator",
    "classify_intent",
    "label_session",
]
