"""A plugin whose factory placeholder was never filled in."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


DEFAULT_FACTORY = None
new = DEFAULT_FACTORY  # expect: PC104
