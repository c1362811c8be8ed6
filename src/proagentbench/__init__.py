"""proagentbench: capture desktop work, scrub it, label assistance moments, export and benchmark."""

__version__ = "0.1.0"
