"""Fine for the host: its contract is met; its body has type errors that only --strict-plugins shows."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError, Plugin


class Tally:
    def __init__(self) -> None:
        self.count = 0
        self.label = ""

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.label = greeting

    def run(self) -> None:
        self.count = self.count + len(self.label)
        self.label = self.count  # a type error, but not one the host can notice

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Tally()


__all__ = ["new"]
