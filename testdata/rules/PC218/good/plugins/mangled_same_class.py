"""The class sets self.__state in its own __init__ and reads it in run(): both are
_Worker__state."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class _Base:
    def __init__(self) -> None:
        self.count = 0


class Worker(_Base):
    def __init__(self) -> None:
        super().__init__()
        self.__state: dict[str, str] = {}

    def init(self, config: Mapping[str, str]) -> None:
        self.count = 0

    def run(self) -> None:
        self.count = len(self.__state)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Worker()
