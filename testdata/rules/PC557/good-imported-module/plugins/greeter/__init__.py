"""The plugin: its helpers module is imported with it."""

from collections.abc import Mapping

from plugapi import Plugin

from .helpers import banner


class Greeter:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        banner(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Greeter()
