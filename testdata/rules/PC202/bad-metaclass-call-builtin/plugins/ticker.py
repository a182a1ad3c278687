"""Ticker() runs Registered.__call__, which returns a bare object(), not an instance."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Registered(type):
    def __call__(cls, *args, **kwargs):
        return object()  # expect: PC202


class Ticker(metaclass=Registered):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Ticker()
