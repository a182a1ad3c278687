"""A fork that kept the original's name."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hi"


def new() -> Plugin:
    return Greeter()
