"""run() works inside contextlib.closing(self), whose exit calls self.close(): the class has no
close, so every run() raises AttributeError."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

from plugapi import Plugin


class Closing:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        with contextlib.closing(self):  # expect: PC218
            self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Closing()
