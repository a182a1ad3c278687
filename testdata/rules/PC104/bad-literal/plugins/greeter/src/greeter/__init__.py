"""A plugin whose `new` is a number."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


new = 3  # expect: PC104
