"""A shared ABC base whose run() the plugin class never implements."""

from __future__ import annotations

import abc
from collections.abc import Mapping

from plugapi import Plugin


class Base(abc.ABC):
    @abc.abstractmethod
    def run(self) -> None:
        """Subclasses do the work."""


class Ticker(Base):  # expect: PC203
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()  # type: ignore[abstract]
