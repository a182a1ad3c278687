"""Imported in a try that catches KeyError: its failure is not caught."""

raise ImportError("table needs a configured backend")  # expect: PC515
