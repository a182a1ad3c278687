"""new() is defined in each case of a match; the last definition, dead on any Python 3,
leaves the argument out."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self, greeting: str) -> None:
        self.greeting = greeting

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", self.greeting)

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


match sys.platform:
    case "win32":

        def new() -> Plugin:
            return Worker("hello")

    case _:

        def new() -> Plugin:
            return Worker("hello")


if sys.version_info < (3,):

    def new() -> Plugin:
        return Worker()
