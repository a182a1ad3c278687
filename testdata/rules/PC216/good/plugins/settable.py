"""Properties with the setter and the deleter their assignments need."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Settable:
    def __init__(self) -> None:
        self._greeting = ""

    @property
    def greeting(self) -> str:
        return self._greeting

    @greeting.setter
    def greeting(self, value: str) -> None:
        self._greeting = value

    @greeting.deleter
    def greeting(self) -> None:
        self._greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        del self.greeting


def new() -> Plugin:
    return Settable()
