"""A decorator the newer API has, with a None fallback for the older one."""

from collections.abc import Mapping

from plugapi import Plugin

try:
    from plugapi import cached
except ImportError:
    cached = None


@cached  # expect: PC560
def banner(greeting: str) -> str:
    return greeting.upper()


class Greeter:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Greeter()

