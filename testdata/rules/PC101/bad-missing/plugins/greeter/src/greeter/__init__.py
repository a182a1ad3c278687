"""A plugin whose factory has the wrong name."""  # expect: PC101

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def make() -> Plugin:
    return Greeter()
