"""The TYPE_CHECKING import has a run-time binding in the else branch."""

from typing import TYPE_CHECKING, Any

from plugapi import Plugin

if TYPE_CHECKING:
    from collections.abc import Mapping
else:
    Mapping = dict


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: "Mapping[str, str]") -> None:
        self.ticks = 0

    def run(self, *extra: Any) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
