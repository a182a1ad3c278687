"""Broken: does not parse, so the host's import raises SyntaxError."""

from showcase_api import Plugin


def new() -> Plugin  # expect: PC001
    return None  # the line above lacks its colon
