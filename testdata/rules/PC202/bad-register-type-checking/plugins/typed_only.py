"""Registers its class with the ABC only where type checkers look: the host's isinstance fails."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from abcapi import Plugin


class Worker:  # expect: PC202
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()  # type: ignore[return-value]


if TYPE_CHECKING:
    Plugin.register(Worker)
