"""new = partial(Ticker, ...) with an argument __init__ takes."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial


class Ticker:
    def __init__(self, greeting: str) -> None:
        self.greeting = greeting

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", self.greeting)

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


new = partial(Ticker, greeting="hi")
