"""The class itself is the factory: calling it builds a plugin."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


class Maker:
    def __call__(self) -> Plugin:
        return Greeter()


new = Greeter
make = Maker()
plugin = Greeter()
