"""new is bound to None first, a placeholder; Python keeps the def below, which fits Factory."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

new = None


class Waiter:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:  # type: ignore[no-redef]
    return Waiter()
