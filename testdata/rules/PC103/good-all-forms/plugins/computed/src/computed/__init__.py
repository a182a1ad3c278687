"""A computed __all__."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()


__all__ = sorted(name for name in dir() if not name.startswith("_"))
