"""Sub derives from a registered class and neither has shutdown(): the ABC's default
shutdown() is not inherited by a virtual subclass."""

from __future__ import annotations

from collections.abc import Mapping

from abcapi import Plugin


@Plugin.register
class Base:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()


class Sub(Base):  # expect: PC203
    pass


def new() -> Plugin:
    return Sub()
