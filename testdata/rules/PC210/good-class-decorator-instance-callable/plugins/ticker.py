"""The decorator leaves an instance where the class was, and calling the instance returns it."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


def single(cls):  # type: ignore[no-untyped-def]
    return cls()


@single
class Ticker:
    def __call__(self) -> Ticker:
        return self

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()  # type: ignore[no-any-return]
