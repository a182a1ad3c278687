"""Imported under warnings.catch_warnings(), which swallows nothing."""

RATIO = 1 / 0  # expect: PC515
