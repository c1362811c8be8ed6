"""Evaluating proactive agents on a corpus directory (see docs/benchmark.md).

Reads only a corpus directory; never imports the recorder, anonymizer, annotator or export code. Heavy
dependencies (pyarrow, scikit-learn, openai, sentence-transformers) are imported where they are used.
"""

from proagentbench.benchmark.agent import AgentError, available_agents, build_agent
from proagentbench.benchmark.records import RunLog
from proagentbench.benchmark.runlog import read_runlog
from proagentbench.benchmark.runner import run_benchmark
from proagentbench.benchmark.settings import BenchSettings
from proagentbench.benchmark.types import (
    ContentAnswer,
    Context,
    DecisionPoint,
    Event,
    TimingDecision,
    TrainView,
)
from proagentbench.plugins import Spec

__all__ = [
    "AgentError",
    "BenchSettings",
    "ContentAnswer",
    "Context",
    "DecisionPoint",
    "Event",
    "RunLog",
    "Spec",
    "TimingDecision",
    "TrainView",
    "available_agents",
    "build_agent",
    "read_runlog",
    "run_benchmark",
]
