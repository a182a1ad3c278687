"""A plugin supporting both API versions."""

from __future__ import annotations

from plugapi import Registry


class Greeter:
    def run(self) -> str:
        return "hello"


def register_v2(registry: Registry) -> None:
    registry.add("greeter", Greeter)


register_v1 = register_v2
