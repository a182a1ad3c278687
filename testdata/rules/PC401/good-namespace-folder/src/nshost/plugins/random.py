"""A plugin that happens to be called random (it picks a quote)."""

QUOTES = ("a", "b")
