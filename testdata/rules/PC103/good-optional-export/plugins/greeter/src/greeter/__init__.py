"""A plugin whose __all__ lists its class only; the host finds new() with getattr."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()


__all__ = ["Greeter"]
