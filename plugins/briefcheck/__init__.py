"""briefcheck: citation-checked policy briefs."""

__version__ = "0.1.0"
