"""The private factory is published under the public name."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def _new() -> Plugin:
    return Greeter()


new = _new
