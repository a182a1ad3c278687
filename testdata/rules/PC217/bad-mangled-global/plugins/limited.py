"""run() reads the module's __LIMIT: inside the class Python reads _Limited__LIMIT."""

from collections.abc import Mapping

from plugapi import Plugin

__LIMIT = 3


class Limited:
    def init(self, config: Mapping[str, str]) -> None:
        self.count = len(config)

    def run(self) -> None:
        self.count = min(self.count, __LIMIT)  # expect: PC217

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Limited()
