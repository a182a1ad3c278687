"""The same with register() called after the class, and a subclass two levels down."""

from __future__ import annotations

from collections.abc import Mapping

from abcapi import Plugin


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


Plugin.register(Worker)  # plugcheck: ignore[PC110] (registration is import-time work)


class Middle(Worker):
    pass


class Sub(Middle):
    pass


def new() -> Plugin:
    return Sub()
