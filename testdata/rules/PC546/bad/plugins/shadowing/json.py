"""The plugin's own settings."""

INDENT = 2
