"""The implementation: the plugin class and its factory."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Greeter:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Greeter()


__all__ = ["Greeter"]
del __all__
