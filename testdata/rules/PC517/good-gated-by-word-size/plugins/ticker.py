"""run() raises only in the class a 32-bit interpreter gets; the host's is 64-bit."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from plugapi import Plugin

if sys.maxsize > 2**32:

    class Ticker:
        def init(self, config: Mapping[str, str]) -> None:
            self.greeting = config.get("greeting", "")

        def run(self) -> None:
            self.count = len(self.greeting)

        def shutdown(self, timeout: float) -> None:
            self.greeting = ""

else:

    class Ticker:
        def init(self, config: Mapping[str, str]) -> None:
            self.greeting = config.get("greeting", "")

        def run(self) -> None:
            raise RuntimeError("32-bit interpreters are not supported")

        def shutdown(self, timeout: float) -> None:
            self.greeting = ""


def new() -> Plugin:
    return Ticker()
