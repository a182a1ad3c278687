"""Registered with the host's ABC, with an __init__ that takes the options."""

from collections.abc import Mapping

from hostbase import Base


@Base.register
class Plugin:
    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    def process(self, items: list[str]) -> list[str]:
        return list(items)
