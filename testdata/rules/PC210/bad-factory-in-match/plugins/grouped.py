"""new() is defined in a try* block; the last definition is dead on any Python 3."""

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


try:

    def new() -> Plugin:
        return Worker()  # expect: PC210

except* ImportError:
    pass


if sys.version_info < (3,):

    def new() -> Plugin:
        return Worker("hello")
