"""The plugin's own settings."""

INDENT = 2


def configure():
    global LEVEL
    LEVEL = 1
