"""new = Ticker if STABLE else Draft: STABLE is True, so the host gets Ticker. mypy keeps both
arms (type[Ticker] | type[Draft]): that union is callable, and which arm the host gets is the
harness's to judge, not an error."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


class Draft:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = ""


STABLE = True

new = Ticker if STABLE else Draft
