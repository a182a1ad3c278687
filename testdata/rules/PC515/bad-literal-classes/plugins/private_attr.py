"""A private class attribute read by its spelled name outside the class: it is _Tally__start."""

from collections.abc import Mapping

from plugapi import Plugin


class _Tally:
    __start = 10


START = _Tally.__start  # expect: PC515


class Tally:
    def init(self, config: Mapping[str, str]) -> None:
        self.count = START + len(config)

    def run(self) -> None:
        self.count -= 1

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Tally()
