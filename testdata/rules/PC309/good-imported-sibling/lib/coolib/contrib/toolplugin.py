"""The tool plugin: its helpers come from a sibling module of the library."""

from . import helpers


def plugin(version: str) -> object:
    return helpers.unwrap(version)
