"""Recognizers for what desktop capture leaks, one per module, plus fixed variants of Presidio built-ins."""
