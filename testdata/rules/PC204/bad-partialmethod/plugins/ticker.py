"""init = partialmethod(_configure, {...}): _configure gets the instance, the dict and the config."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def _configure(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    init = functools.partialmethod(_configure, {"greeting": "x"})  # expect: PC204

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye", timeout)


def new() -> Plugin:
    return Ticker()
