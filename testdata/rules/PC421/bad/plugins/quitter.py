"""Asks the interpreter to exit when the host drops it: in a finalizer SystemExit is only
printed, so the host goes on, with a traceback on its stderr."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from plugapi import Plugin


class Quitter:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting += "!"

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""

    def __del__(self) -> None:
        sys.exit(3)  # expect: PC421


def new() -> Plugin:
    return Quitter()
