"""Moved helpers to another module and lost their imports on the way."""

from collections.abc import Mapping

from plugapi import Plugin


@functools.cache  # expect: PC557
def _banner(greeting: str) -> str:
    return greeting.upper()


class Greeter:
    def __init__(self, prefix: str = PREFIX) -> None:  # expect: PC557
        self.prefix = prefix
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _banner(self.prefix + self.greeting)

    def shutdown(self, timeout: Seconds) -> None:  # expect: PC557
        self.greeting = ""


def new() -> Plugin:
    return Greeter()
