"""ProactiveBench (thunlp/ProactiveAgent, Apache-2.0) -> a text-only corpus for the timing task.

`records` are the source's items, `times` its clocks, `reading` parses and validates its files, `sources`
finds them, `sessions` turns them into sessions and decision points, `rows` into corpus rows, `card` says
where they come from, and `importer` runs it all.
"""
