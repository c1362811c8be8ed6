"""The anonymizer's version, recorded in every clean session it writes."""

ANONYMIZER_VERSION = "0.1.0"
