"""Worker is registered with the host's ABC; the run() it gets from a mixin of the plugin's own
wants an argument the host's run() call does not pass."""

from __future__ import annotations

from collections.abc import Mapping

from abcapi import Plugin


class Running:
    def run(self, extra: int) -> None:  # expect: PC204
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
