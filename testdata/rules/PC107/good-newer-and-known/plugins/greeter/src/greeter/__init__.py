"""A plugin ready for the next API."""

from __future__ import annotations

from plugapi import Registry


class Greeter:
    def run(self) -> str:
        return "hello"


def register_v3(registry: Registry) -> None:
    registry.add("greeter", Greeter)


def register_v2(registry: Registry) -> None:
    registry.add("greeter", Greeter)
