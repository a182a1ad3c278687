"""partialmethod members whose functions take the given arguments and the host's."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partialmethod

from plugapi import Plugin


class Ticker:
    def _configure(self, defaults: Mapping[str, str], config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", defaults["greeting"])

    def _step(self, name: str, *args: object) -> None:
        self.last = name

    init = partialmethod(_configure, {"greeting": "x"})
    run = partialmethod(_step, "run")
    shutdown = partialmethod(_step, "shutdown")


def new() -> Plugin:
    return Ticker()
