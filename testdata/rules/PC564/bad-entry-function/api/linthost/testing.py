"""What the linter passes each plugin: the same registry and options, always."""

from linthost import Registry


def registry():
    return Registry()


def options():
    return {"level": "1", "style": "plain"}
