"""new() as Python 3 keeps it builds Worker without the name its constructor requires."""

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


if sys.version_info < (3, 0):

    def new() -> Plugin:
        return Worker("legacy")
else:

    def new() -> Plugin:
        return Worker()  # expect: PC210
