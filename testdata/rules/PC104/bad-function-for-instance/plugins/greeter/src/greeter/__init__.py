"""A plugin that exports a factory where an instance is required."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def plugin() -> Plugin:  # expect: PC104
    return Greeter()
