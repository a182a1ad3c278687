"""__all__ as a tuple of names: the star import carries new."""

from collections.abc import Mapping

from plugapi import Plugin

LIMIT = 3


class Limiter:
    def init(self, config: Mapping[str, str]) -> None:
        self.left = LIMIT if config else 0

    def run(self) -> None:
        self.left = max(self.left - 1, 0)

    def shutdown(self, timeout: float) -> None:
        self.left = 0


def new() -> Plugin:
    return Limiter()


__all__ = ("new", "Limiter")
