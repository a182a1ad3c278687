"""A plugin whose register hook is missing from __all__."""

from __future__ import annotations

from plugapi import Registry

__all__: list[str] = ["Greeter"]  # expect: PC103


class Greeter:
    def run(self) -> str:
        return "hello"


def register_v2(registry: Registry) -> None:
    registry.add("greeter", Greeter)
