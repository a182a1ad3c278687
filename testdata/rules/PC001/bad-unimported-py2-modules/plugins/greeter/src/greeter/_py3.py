from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()
