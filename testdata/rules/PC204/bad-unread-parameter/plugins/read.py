"""init() declares `config: int` and uses it as one: the host's dict makes `config + 1` raise
TypeError, an error."""

from __future__ import annotations

from plugapi import Plugin


class Loud:
    def init(self, config: int) -> None:  # expect: PC204
        self.level = config + 1

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Loud()
