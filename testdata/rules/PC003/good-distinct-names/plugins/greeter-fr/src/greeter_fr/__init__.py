"""The French greeter."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "bonjour"


def new() -> Plugin:
    return Greeter()
