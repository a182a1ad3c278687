"""The factory looks its mode up before it makes the worker, by a value a member has."""

from __future__ import annotations

import enum
from collections.abc import Mapping

from plugapi import Plugin


class Mode(enum.Enum):
    QUIET = "quiet"


class Worker:
    def __init__(self, mode: Mode) -> None:
        self.mode = mode

    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    mode = Mode("quiet")
    return Worker(mode)
