"""@abstractmethod on a plain base: Python instantiates the subclass all the same."""

from __future__ import annotations

import abc
from collections.abc import Mapping

from plugapi import Plugin


class Base:
    @abc.abstractmethod
    def run(self) -> None:
        """Only a marker here: Base's metaclass is type."""


class Concrete(abc.ABC):
    @abc.abstractmethod
    def shutdown(self, timeout: float) -> None:
        """Implemented below."""


class Ticker(Base, Concrete):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()  # type: ignore[abstract]
