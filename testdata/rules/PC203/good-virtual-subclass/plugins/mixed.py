"""Worker is registered with the host's ABC and has every lifecycle method, run() from a mixin
of the plugin's own."""

from __future__ import annotations

from collections.abc import Mapping

from abcapi import Plugin


class Running:
    def run(self) -> None:
        return None


class Worker(Running):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


class Sub(Worker):
    pass


def new() -> Plugin:
    return Sub()


Plugin.register(Worker)  # plugcheck: ignore[PC110] (registration is import-time work)
