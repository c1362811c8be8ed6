"""Interoperation with other evaluation tools: inspect_ai tasks over a corpus, and run logs as inspect logs.

Nothing here is imported by the CLI or the benchmark at start-up: inspect_ai is an optional extra
(``pip install 'proagentbench[inspect]'``) loaded only when a task or the converter is used.
"""
