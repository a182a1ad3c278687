"""Broken: init() takes an int where the host passes its configuration mapping."""

from __future__ import annotations

from showcase_api import ConfigError, Plugin


class Repeater:
    def __init__(self) -> None:
        self.times = 0

    def init(self, config: int) -> None:  # expect: PC204
        if config <= 0:
            raise ConfigError("times must be positive")
        self.times = config

    def run(self) -> None:
        self.times -= 1

    def shutdown(self, timeout: float) -> None:
        self.times = 0


def new() -> Plugin:
    return Repeater()


__all__ = ["new"]
