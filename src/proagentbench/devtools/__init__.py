"""Tools for tests and benchmarks: a local OpenAI-compatible server and a synthetic corpus generator."""
