"""Objects built at import, each call binding its callee's parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from plugapi import Plugin


class Settings:
    def __init__(self, interval: float, unit: str = "s", *extra: str, strict: bool = False) -> None:
        self.interval = interval


class FastSettings(Settings):
    pass


@dataclass
class Defaults:
    registry: ClassVar[dict[str, int]] = {}
    interval: float
    labels: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Named:
    name: str


def configure(level: int, /, *, verbose: bool = False) -> int:
    return level


SETTINGS = Settings(5.0, "ms", "a", "b", strict=True)
FAST = FastSettings(interval=1.0)
DEFAULTS = Defaults(2.0)
NAMED = Named(name="ticker")
LEVEL = configure(1, verbose=True)


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = LEVEL

    def run(self) -> None:
        self.ticks += int(SETTINGS.interval + FAST.interval + DEFAULTS.interval)

    def shutdown(self, timeout: float) -> None:
        self.ticks = len(NAMED.name)


def new() -> Plugin:
    return Ticker()
