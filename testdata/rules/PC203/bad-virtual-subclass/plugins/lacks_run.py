"""Worker is registered with the host's ABC (isinstance() accepts it) but has no run()."""

from __future__ import annotations

from collections.abc import Mapping

from abcapi import Plugin


class Worker:  # expect: PC203
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()


Plugin.register(Worker)  # plugcheck: ignore[PC110] (registration is import-time work)
