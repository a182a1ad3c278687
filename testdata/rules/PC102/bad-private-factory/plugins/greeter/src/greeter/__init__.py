"""A plugin whose factory is private."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def _new() -> Plugin:  # expect: PC102
    return Greeter()
