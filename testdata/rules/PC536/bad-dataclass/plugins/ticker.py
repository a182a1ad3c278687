"""A ticker whose defaults live in a dataclass instance built at import."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from plugapi import Plugin


@dataclass
class Defaults:
    interval: float
    labels: list[str] = field(default_factory=list)


DEFAULTS = Defaults(labels=["tick"])  # expect: PC536


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += int(DEFAULTS.interval)

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
