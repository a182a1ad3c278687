"""new() as Python 3 keeps it (the first definition; the last is in a branch Python 3 never
takes) builds Worker with its name."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self, name: str) -> None:
        self.greeting = name

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", self.greeting)

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


if sys.version_info >= (3, 0):

    def new() -> Plugin:
        return Worker("hello")
else:

    def new() -> Plugin:
        return Worker()
