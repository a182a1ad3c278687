"""Worker is registered as a virtual subclass of the host's ABC, and new() makes an instance of
a subclass of Worker: issubclass(Sub, Plugin) holds, whatever mypy says of Sub's bases."""

from __future__ import annotations

from collections.abc import Mapping

from abcapi import Plugin


@Plugin.register
class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


class Sub(Worker):
    pass


def new() -> Plugin:
    return Sub()
