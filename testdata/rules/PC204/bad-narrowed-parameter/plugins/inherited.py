"""shutdown() comes from a base class of the plugin's own, declares `timeout: int` and
multiplies a string by it: the host's float deadline makes it raise TypeError. The base's body
is checked again as the product's own would be: an error."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Stopping:
    def shutdown(self, timeout: int) -> None:  # expect: PC204
        self.greeting = "x" * timeout


class Worker(Stopping):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()


def new() -> Plugin:
    return Worker()
