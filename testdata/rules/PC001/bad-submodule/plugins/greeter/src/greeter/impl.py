from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return ", ".join(["hello", "world"]  # expect: PC001


def new() -> Plugin:
    return Greeter()
