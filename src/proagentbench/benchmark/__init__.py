"""Evaluating proactive agents on a corpus directory (see docs/benchmark.md).

Reads only a corpus directory; never imports the recorder, anonymizer, annotator or export code. Heavy
dependencies (pyarrow, scikit-learn, openai, sentence-transformers) are imported where they are used.

What is listed in ``__all__`` is the public face: running and comparing (`run_benchmark`, `BenchSettings`,
`read_runlog`, `write_report`, `run_coverage`, `require_coverage`; `collect_rows` with `TIMING_COLUMNS` and
`CONTENT_COLUMNS` for a table of runs), agents (`Spec`, `build_agent`, `available_agents` and the agent
protocols), what agents see and answer (`Context` and the other value types), and what a run log holds.
"""

from proagentbench.benchmark.agent import (
    AgentError,
    CheckedAgent,
    ContentAgent,
    TimingAgent,
    TrainableAgent,
    available_agents,
    build_agent,
)
from proagentbench.benchmark.coverage import Coverage, CoverageError, require_coverage, run_coverage
from proagentbench.benchmark.records import Condition, ContentRecord, RunLog, TimingRecord
from proagentbench.benchmark.report import CONTENT_COLUMNS, TIMING_COLUMNS, collect_rows, write_report
from proagentbench.benchmark.runlog import RunLogError, read_runlog
from proagentbench.benchmark.runner import run_benchmark
from proagentbench.benchmark.settings import BenchSettings
from proagentbench.benchmark.types import (
    ContentAnswer,
    Context,
    DecisionPoint,
    Event,
    LabelledContent,
    LabelledTiming,
    Memory,
    Segment,
    TimingDecision,
    TrainView,
)
from proagentbench.plugins import Spec

__all__ = [
    "AgentError",
    "BenchSettings",
    "CONTENT_COLUMNS",
    "CheckedAgent",
    "Condition",
    "ContentAgent",
    "ContentAnswer",
    "ContentRecord",
    "Context",
    "Coverage",
    "CoverageError",
    "DecisionPoint",
    "Event",
    "LabelledContent",
    "LabelledTiming",
    "Memory",
    "RunLog",
    "RunLogError",
    "Segment",
    "Spec",
    "TIMING_COLUMNS",
    "TimingAgent",
    "TimingDecision",
    "TimingRecord",
    "TrainView",
    "TrainableAgent",
    "available_agents",
    "build_agent",
    "collect_rows",
    "read_runlog",
    "require_coverage",
    "run_benchmark",
    "run_coverage",
    "write_report",
]
