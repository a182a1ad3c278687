"""A plugin that exports a factory where the host wants the class."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def plugin_class() -> Plugin:  # expect: PC104
    return Greeter()
