"""__all__ bound first, then extended."""

from collections.abc import Mapping

from plugapi import Plugin

__all__ = ["Counter"]
__all__ += ["new"]


class Counter:
    def init(self, config: Mapping[str, str]) -> None:
        self.total = len(config)

    def run(self) -> None:
        self.total += 1

    def shutdown(self, timeout: float) -> None:
        self.total = 0


def new() -> Plugin:
    return Counter()
