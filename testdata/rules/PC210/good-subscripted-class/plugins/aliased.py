"""new() makes Ticker[str]() where a base of Ticker defines __class_getitem__."""

from __future__ import annotations

from collections.abc import Mapping


class Base:
    def __class_getitem__(cls, item):  # type: ignore[no-untyped-def]
        return cls


class Ticker(Base):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new():  # plugcheck: ignore[PC207]
    return Ticker[str]()
