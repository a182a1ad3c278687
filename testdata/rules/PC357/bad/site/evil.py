"""A plugin that works, and whose wheel also ships stubs of the host's API."""

from collections.abc import Mapping

from plugapi import Plugin


class Greeter:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "hi")

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Greeter()
