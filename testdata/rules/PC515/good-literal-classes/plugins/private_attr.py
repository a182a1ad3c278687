"""A private class attribute read by its mangled name outside the class."""

from collections.abc import Mapping

from plugapi import Plugin


class _Tally:
    __start = 10


START = _Tally._Tally__start


class Tally:
    def init(self, config: Mapping[str, str]) -> None:
        self.count = START + len(config)

    def run(self) -> None:
        self.count -= 1

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Tally()
