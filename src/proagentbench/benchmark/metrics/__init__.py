"""Metrics of the timing and content tasks, each with a bootstrap 95% confidence interval."""
