"""The plugin's implementation, with the package's public names."""

from collections.abc import Mapping

from plugapi import Plugin

from . import *  # noqa: F403  # expect: PC515


class Lister:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Lister()
