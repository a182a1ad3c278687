"""run = _idle, a function without a parameter for the instance (as `run = lambda: None`)."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


def _stop(self: object, timeout: float) -> None:
    _ = ("bye", timeout)


def _idle() -> None:
    """Nothing to do."""


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    run = _idle  # expect: PC204
    shutdown = _stop


def new() -> Plugin:
    return Ticker()
