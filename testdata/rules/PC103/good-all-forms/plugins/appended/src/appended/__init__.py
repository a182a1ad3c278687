"""__all__.append / .extend"""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()


__all__ = ["Greeter"]
__all__.append("new")
__all__.extend(["Plugin"])
