"""new = _make_factory(): its new() returns Ticker, not Ticker()."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def _make_factory() -> Callable[[], Plugin]:
    def new() -> Plugin:
        return Ticker  # type: ignore[return-value]  # expect: PC516

    return new


new = _make_factory()
