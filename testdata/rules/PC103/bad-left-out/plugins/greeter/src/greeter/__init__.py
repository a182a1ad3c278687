"""A plugin whose __all__ forgets the factory."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()


__all__ = ["Greeter"]  # expect: PC103
