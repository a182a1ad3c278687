"""@enum.unique over two members of one value."""

import enum
from collections.abc import Mapping

from plugapi import Plugin


@enum.unique  # expect: PC515
class Mode(enum.Enum):
    FAST = 1
    QUICK = 1


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()
