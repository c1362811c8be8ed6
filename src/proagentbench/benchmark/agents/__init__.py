"""Built-in agents (registered by name in `proagentbench.benchmark.registry`)."""
