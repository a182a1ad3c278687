"""A singleton factory that declaring `global _instance`."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


_instance: Ticker | None = None


def new() -> Plugin:
    global _instance
    if _instance is None:
        _instance = Ticker()
    return _instance
