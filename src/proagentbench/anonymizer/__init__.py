"""The anonymizer: turns a raw store into a clean store (scrubbed text, redacted screenshots), fully offline.

Heavy dependencies (Presidio, Pillow, pytesseract) are imported inside the modules that use them, so importing
this package is cheap.
"""

ANONYMIZER_VERSION = "0.1.0"

__all__ = ["ANONYMIZER_VERSION"]
