"""Every lifecycle method is set on each subclass by its base's __init_subclass__, in one
unpacking assignment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _init(self: Any, config: Mapping[str, str]) -> None:
    self.ticks = 0


def _run(self: Any) -> None:
    self.ticks += 1


def _shutdown(self: Any, timeout: float) -> None:
    self.ticks = 0


class Filled:
    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.init, cls.run, cls.shutdown = _init, _run, _shutdown


class Ticker(Filled):  # expect: PC213
    ticks = 0


def new() -> Ticker:
    return Ticker()
