"""A plugin saved as Latin-1 without a coding cookie."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "héllo"


def new() -> Plugin:
    return Greeter()
