"""The proagent command-line interface."""
