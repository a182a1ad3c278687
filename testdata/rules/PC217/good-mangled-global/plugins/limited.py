"""run() reads the module's _LIMIT, and a private local it binds itself."""

from collections.abc import Mapping

from plugapi import Plugin

_LIMIT = 3


class Limited:
    def init(self, config: Mapping[str, str]) -> None:
        self.count = len(config)

    def run(self) -> None:
        __capped = min(self.count, _LIMIT)
        self.count = __capped

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Limited()
