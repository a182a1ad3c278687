"""Runs on every import of the plugin on Python 3."""

SETTINGS = {"level": 1}
LEVEL = SETTINGS["verbosity"]  # expect: PC515
