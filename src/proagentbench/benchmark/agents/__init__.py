"""Built-in agents (registered by name in `proagentbench.plugins.BUILTINS["agents"]`)."""
