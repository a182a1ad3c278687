"""The letters the plugin knows."""

LETTERS = "abc"
