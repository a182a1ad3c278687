"""Worker is registered with the plugin's own subclass of the host's ABC, which makes it a
virtual subclass of the host's ABC as well."""

from __future__ import annotations

from collections.abc import Mapping

from abcapi import Plugin


class Base(Plugin):
    """The plugin's own ABC below the host's."""


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


Base.register(Worker)  # plugcheck: ignore[PC110] (registration is import-time work)


def new() -> Plugin:
    return Worker()
