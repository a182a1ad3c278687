"""A plugin written for a future API."""

from __future__ import annotations

from plugapi import Registry


class Greeter:
    def run(self) -> str:
        return "hello"


def register_v3(registry: Registry) -> None:  # expect: PC107
    registry.add("greeter", Greeter)
