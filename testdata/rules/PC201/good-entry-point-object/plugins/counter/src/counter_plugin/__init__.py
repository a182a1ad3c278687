"""A plugin whose handler and call fit the host's Protocol, whatever its parameters are called."""

from __future__ import annotations

from typing import Any


class Counter:
    seen = 0

    def on_enter(self, data: object) -> None:
        Counter.seen += 1


class CounterPlugin:
    def new_validator(self, core: dict[str, Any], title: str) -> tuple[Counter, None]:
        return Counter(), None


plugin = CounterPlugin()
