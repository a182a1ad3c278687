"""The base sets self.__state, which Python stores as _Base__state; run() in the subclass reads
_Worker__state, which nothing sets (AttributeError on every call)."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class _Base:
    def __init__(self) -> None:
        self.__state: dict[str, str] = {}


class Worker(_Base):
    def init(self, config: Mapping[str, str]) -> None:
        self.count = 0

    def run(self) -> None:
        self.count = len(self.__state)  # expect: PC218

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Worker()
