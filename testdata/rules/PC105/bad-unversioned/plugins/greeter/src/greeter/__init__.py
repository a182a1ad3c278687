"""A plugin with an unversioned register hook."""  # expect: PC105

from __future__ import annotations

from plugapi import Registry


class Greeter:
    def run(self) -> str:
        return "hello"


def register(registry: Registry) -> None:
    registry.add("greeter", Greeter)
