"""Worker is registered as a virtual subclass of the host's ABC, and new() makes an instance of
a subclass of Worker: mypy does not know register(), so it says Sub is no Plugin, but the
harness's real isinstance() check of what new() made passed: the static error is withdrawn."""

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
