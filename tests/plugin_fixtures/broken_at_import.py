"""A plugin module whose import fails inside its own code (not a missing package)."""

raise RuntimeError("this plugin module is broken at import")
