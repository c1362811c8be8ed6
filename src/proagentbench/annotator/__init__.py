"""The annotator: decision points (assistance moments and hard negatives) written into the clean store."""

from proagentbench.annotator.heuristic import HeuristicSettings, label_session
from proagentbench.annotator.intents import INTENTS, classify_intent
from proagentbench.annotator.store_labels import annotate_store

__all__ = ["INTENTS", "HeuristicSettings", "annotate_store", "classify_intent", "label_session"]
