"""A plugin that exports a ready object where a factory is required."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


new = Greeter()  # expect: PC104
