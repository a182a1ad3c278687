"""A plugin whose __all__ grows but never gets the factory."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()


VERSION = "1.0"

__all__ = ["Greeter"] + ["VERSION"]  # expect: PC103
__all__ += ["Plugin"]
