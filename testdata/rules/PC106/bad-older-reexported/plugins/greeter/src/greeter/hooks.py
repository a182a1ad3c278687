"""The hooks."""

from __future__ import annotations

from plugapi import Registry


class Greeter:
    def run(self) -> str:
        return "hello"


def register_v1(registry: Registry) -> None:  # expect: PC106
    registry.add("greeter", Greeter)
