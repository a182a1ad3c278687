"""A plugin with a factory and a hook for a future API."""

from __future__ import annotations

from plugapi import Plugin, Registry


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()


def register_v3(registry: Registry) -> None:  # expect: PC107
    registry.add("greeter", new)
