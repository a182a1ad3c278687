"""TYPE_CHECKING-only names in annotations under PEP 563: never evaluated, not even by
@dataclass (it reads the annotations as strings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from plugapi import Plugin


@dataclass
class Ticker:
    config: Mapping[str, str] | None = None
    ticks: int = field(default=0)

    def init(self, config: Mapping[str, str]) -> None:
        self.config = config

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
