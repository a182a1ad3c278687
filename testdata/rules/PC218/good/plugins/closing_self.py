"""run() works inside contextlib.closing(self), and the class defines the close it calls."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import closing

from plugapi import Plugin


class Closing:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        with closing(self):
            self.count = len(self.greeting)

    def close(self) -> None:
        self.count = 0

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Closing()
