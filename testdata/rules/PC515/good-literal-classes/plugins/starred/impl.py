"""The plugin's implementation; the package re-exports what __all__ lists."""

from collections.abc import Mapping

from plugapi import Plugin

__all__ = ("new",)


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()
