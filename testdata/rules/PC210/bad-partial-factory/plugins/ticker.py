"""new = functools.partial(Ticker, ...): Ticker() takes no argument."""

from __future__ import annotations

import functools
from collections.abc import Mapping


class Ticker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


new = functools.partial(Ticker, "hi")  # expect: PC210
