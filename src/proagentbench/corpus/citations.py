"""What a corpus card asks its users to cite: the ProAgentBench paper and this toolkit.

Plain references, not BibTeX: the export's residual-PII check reads `@name{key,` as a handle and a
secret-shaped token, and the card must pass it like every other file.
"""

from proagentbench import __version__

PAPER = (
    "Tang et al. (2026). *ProAgentBench*. The benchmark whose two tasks, when to assist and how to assist, "
    "this corpus follows."
)

TOOLKIT = (
    f"proagentbench {__version__} (2026). A toolkit that turns desktop work into a privacy-screened "
    "benchmark of assistance moments: the recorder, anonymizer, annotator, exporter and benchmark that "
    "produced this corpus."
)

PROACTIVEBENCH = (
    "Lu et al. (2025). *Proactive Agent: Shifting LLM Agents from Reactive Responses to Active Assistance*. "
    "International Conference on Learning Representations (ICLR 2025)."
)
