"""What a corpus card asks its users to cite: the ProAgentBench paper and this toolkit (BibTeX)."""

from proagentbench import __version__

PAPER = """@misc{tang2026proagentbench,
  title  = {{ProAgentBench}},
  author = {Tang and others},
  year   = {2026},
  note   = {The benchmark whose tasks (when to assist, how to assist) this corpus follows}
}"""

TOOLKIT = f"""@software{{proagentbench,
  title   = {{proagentbench: a toolkit that turns desktop work into a privacy-screened benchmark of
             assistance moments}},
  version = {{{__version__}}},
  year    = {{2026}},
  note    = {{The recorder, anonymizer, annotator, exporter and benchmark that produced this corpus}}
}}"""

PROACTIVEBENCH = """@inproceedings{lu2025proactive,
  title     = {Proactive Agent: Shifting {LLM} Agents from Reactive Responses to Active Assistance},
  author    = {Lu, Yaxi and others},
  booktitle = {International Conference on Learning Representations (ICLR)},
  year      = {2025}
}"""
